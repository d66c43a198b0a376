/** Kafka adapter of ownership: publishes the outbox's changes to the compacted ownership.v1 as Avro ServiceOwnership records. */
package io.ownwatch.registry.ownership.kafka;
