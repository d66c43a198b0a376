/** Kafka adapter of incident routing: consumes alerts.v1 a batch at a time and turns Avro AlertEvents into domain alerts. */
package io.ownwatch.router.incident.kafka;
