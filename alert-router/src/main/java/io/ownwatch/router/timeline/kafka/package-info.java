/** Kafka adapter of the timeline: relays outbox entries to incident.timeline.v1 as Avro TimelineEvents. */
package io.ownwatch.router.timeline.kafka;
