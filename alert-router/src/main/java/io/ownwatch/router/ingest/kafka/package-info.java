/** Kafka adapter of ingestion: publishes alerts to alerts.v1 as Avro AlertEvents, synchronously. */
package io.ownwatch.router.ingest.kafka;
