/** Kafka adapter of incident routing: consumes alerts.v1 and turns Avro AlertEvents into domain alerts. */
package io.ownwatch.router.incident.kafka;
