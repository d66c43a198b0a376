/** Kafka adapter of ownership: relays outbox changes to the compacted ownership.v1 as Avro ServiceOwnership records. */
package io.ownwatch.registry.ownership.kafka;
