package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code incident.timeline.v1} as the router tests read it: every read starts at the beginning and stops at the end
 * the topic had when it began, with a consumer of its own and no group, so that reads never disturb each other or the
 * routers. The topic is keyed by incident id (one incident's events in order on one partition), and an incident's
 * events are those with its key, ordered by sequence; a suppressed alert's events are keyed by the silence's id.
 */
public final class TimelineTopic {

    public static final String TOPIC = "incident.timeline.v1";

    private final Infrastructure infrastructure;
    private final Duration patience;

    private TimelineTopic(Infrastructure infrastructure, Duration patience) {
        this.infrastructure = infrastructure;
        this.patience = patience;
    }

    /** The topic on the shared test infrastructure. */
    public static TimelineTopic shared() {
        return on(TestInfrastructure.get());
    }

    /** The topic on that infrastructure (a test's own stack). */
    public static TimelineTopic on(Infrastructure infrastructure) {
        return new TimelineTopic(infrastructure, Duration.ofSeconds(30));
    }

    /** The same topic, awaited that long (30 s unless told). */
    public TimelineTopic patience(Duration atMost) {
        return new TimelineTopic(infrastructure, atMost);
    }

    /** Every record on the topic so far, in partition order; values that are not timeline events are left out. */
    public List<ConsumerRecord<String, TimelineEvent>> records() {
        List<ConsumerRecord<String, TimelineEvent>> records = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : AvroTopics.read(infrastructure, TOPIC, AvroTopics.decoder(infrastructure))) {
            if (record.value() instanceof TimelineEvent event) {
                records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(), event));
            }
        }
        return records;
    }

    /** Every timeline event on the topic so far. */
    public List<TimelineEvent> events() {
        return records().stream().map(ConsumerRecord::value).toList();
    }

    /** The events keyed by this incident (or silence) id so far, by sequence. */
    public List<TimelineEvent> of(String incidentId) {
        return records().stream().filter(record -> incidentId.equals(record.key())).map(ConsumerRecord::value)
                .sorted(Comparator.comparingLong(TimelineEvent::getSequence)).toList();
    }

    public List<TimelineEvent> of(UUID incidentId) {
        return of(incidentId.toString());
    }

    /**
     * The incident's events once there are that many, then again after a pause that gives a duplicate or a stray event
     * the chance to show up: fails unless there are exactly {@code expected}.
     */
    public List<TimelineEvent> awaitExactly(String incidentId, int expected) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> of(incidentId).size() >= expected);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<TimelineEvent> settled = of(incidentId);
        assertThat(settled).as("timeline of " + incidentId).hasSize(expected);
        return settled;
    }

    public List<TimelineEvent> awaitExactly(UUID incidentId, int expected) {
        return awaitExactly(incidentId.toString(), expected);
    }

    /** The incident's events once one of them is of that type. */
    public List<TimelineEvent> awaitType(String incidentId, TimelineEventType type) {
        List<TimelineEvent> found = new ArrayList<>();
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.clear();
            found.addAll(of(incidentId));
            return types(found).contains(type);
        });
        return List.copyOf(found);
    }

    public List<TimelineEvent> awaitType(UUID incidentId, TimelineEventType type) {
        return awaitType(incidentId.toString(), type);
    }

    /** The events' types, in order. */
    public static List<TimelineEventType> types(List<TimelineEvent> events) {
        return events.stream().map(TimelineEvent::getType).toList();
    }
}
