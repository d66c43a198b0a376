/** Kafka adapter of ownership: feeds the local view from the compacted ownership.v1. */
package io.ownwatch.router.ownership.kafka;
