/** Kafka adapter of the Kubernetes actions: feeds their ownership view from the compacted ownership.v1. */
package io.ownwatch.executor.action.kubernetes.kafka;
