/**
 * Kafka adapter of ingestion: publishes alerts to alerts.v1 as Avro AlertEvents and returns once the broker
 * acknowledged them, concurrent requests sharing the producer's batches.
 */
package io.ownwatch.router.ingest.kafka;
