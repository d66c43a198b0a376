/** The Kafka edge of the timeline: consumes {@code incident.timeline.v1} and dead-letters what it cannot record. */
package io.ownwatch.timeline.incident.kafka;
