package io.ownwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Timeline events produced straight onto {@code incident.timeline.v1}, as fast as the producer goes, timed until the
 * incident-timeline's consumer group has committed past the last of them (it commits a poll after its transaction, so
 * by then every event is on the timeline and its incident refolded). Each incident's events are sent in sequence
 * order, keyed by incident id as every producer does, the incidents interleaved as a burst of them interleaves.
 */
final class TimelineRecording {

    static final String TOPIC = "incident.timeline.v1";
    static final String TIMELINE_GROUP = "incident-timeline";

    /** An incident's life, repeated for longer incidents: what the router writes for one that pages and escalates. */
    private static final TimelineEventType[] LIFE = {TimelineEventType.INCIDENT_OPENED,
            TimelineEventType.OWNER_RESOLVED, TimelineEventType.NOTIFIED, TimelineEventType.ALERT_DEDUPLICATED,
            TimelineEventType.ESCALATED, TimelineEventType.NOTIFIED, TimelineEventType.REMEDIATION_REQUESTED,
            TimelineEventType.ACKNOWLEDGED, TimelineEventType.NOTE_ADDED, TimelineEventType.RESOLVED};

    record Result(String name, int incidents, int eventsPerIncident, double producedSeconds, double caughtUpSeconds) {

        String report() {
            int events = incidents * eventsPerIncident;
            return "timeline, %s: %,.0f events/s recorded (%,d incidents x %,d events: produced in %.1f s, lag back to zero after %.1f s)"
                    .formatted(name, events / caughtUpSeconds, incidents, eventsPerIncident, producedSeconds, caughtUpSeconds);
        }
    }

    private final Kafka kafka;

    TimelineRecording(Kafka kafka) {
        this.kafka = kafka;
    }

    Result run(String name, int incidents, int eventsPerIncident, Duration timeout) throws Exception {
        String run = "bench-timeline-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        try (Admin admin = kafka.admin(); KafkaProducer<String, Object> producer = kafka.alertProducer()) {
            waitForLag(admin, timeout);
            long start = System.nanoTime();
            Instant opened = Instant.now();
            List<Future<RecordMetadata>> sends = new ArrayList<>(incidents * eventsPerIncident);
            for (int sequence = 1; sequence <= eventsPerIncident; sequence++) {
                for (int incident = 0; incident < incidents; incident++) {
                    String incidentId = run + incident;
                    sends.add(producer.send(new ProducerRecord<>(TOPIC, incidentId,
                            event(incidentId, sequence, opened.plusMillis(sequence)))));
                }
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            double produced = (System.nanoTime() - start) / 1e9;
            waitForLag(admin, timeout);
            double caughtUp = (System.nanoTime() - start) / 1e9;
            return new Result(name, incidents, eventsPerIncident, produced, caughtUp);
        }
    }

    private static TimelineEvent event(String incidentId, int sequence, Instant at) {
        TimelineEventType type = sequence == 1 ? TimelineEventType.INCIDENT_OPENED
                : LIFE[1 + (sequence - 2) % (LIFE.length - 1)];
        boolean person = type == TimelineEventType.ACKNOWLEDGED || type == TimelineEventType.NOTE_ADDED;
        return TimelineEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setIncidentId(incidentId).setSequence(sequence)
                .setType(type).setOccurredAt(at)
                .setActor(Actor.newBuilder().setKind(person ? ActorKind.PERSON : ActorKind.SYSTEM)
                        .setId(person ? "bench" : "alert-router").build())
                .setServiceId("checkout").setTeamId(sequence == 1 ? null : "payments").setSeverity(Severity.WARNING)
                .setSummary(sequence == 1 ? "benchmark incident " + incidentId : null)
                .setAttributes(Map.of())
                .build();
    }

    private static void waitForLag(Admin admin, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag;
        while ((lag = Kafka.lag(admin, TIMELINE_GROUP, TOPIC)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the timeline still lags " + lag + " events behind after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
