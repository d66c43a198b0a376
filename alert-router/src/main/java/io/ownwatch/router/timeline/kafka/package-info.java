/** Kafka adapter of the timeline: the outbox stream that publishes entries to incident.timeline.v1 as Avro TimelineEvents. */
package io.ownwatch.router.timeline.kafka;
