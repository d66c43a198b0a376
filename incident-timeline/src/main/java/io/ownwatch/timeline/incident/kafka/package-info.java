/**
 * The Kafka edge of the timeline: consumes {@code incident.timeline.v1}; what it cannot record goes to the
 * dead-letter topic under the shared policy of {@code io.ownwatch.edge.deadletter}.
 */
package io.ownwatch.timeline.incident.kafka;
