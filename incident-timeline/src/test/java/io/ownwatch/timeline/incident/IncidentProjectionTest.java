package io.ownwatch.timeline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IncidentProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static TimelineEntry entry(long sequence, EntryType type, long secondsAfterT0) {
        return new TimelineEntry("e" + sequence, "inc-1", sequence, type, T0.plusSeconds(secondsAfterT0),
                new Actor("SYSTEM", "alert-router"), null, null, Severity.UNKNOWN, null, Map.of());
    }

    private static TimelineEntry opened(long sequence, long at) {
        return new TimelineEntry("e" + sequence, "inc-1", sequence, EntryType.INCIDENT_OPENED, T0.plusSeconds(at),
                new Actor("SYSTEM", "alert-router"), "checkout", null, Severity.CRITICAL, "Checkout is down", Map.of());
    }

    @Test
    void anOpenedIncidentIsOpenSinceItsOpening() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.openedAt()).isEqualTo(T0);
        assertThat(incident.summary()).isEqualTo("Checkout is down");
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.serviceId()).isEqualTo("checkout");
        assertThat(incident.eventCount()).isEqualTo(1);
        assertThat(incident.lastSequence()).isEqualTo(1);
    }

    @Test
    void acknowledgingAndResolvingMoveTheStatusAndStampTheirTimes() {
        Incident acknowledged = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.ACKNOWLEDGED, 60)));
        assertThat(acknowledged.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(T0.plusSeconds(60));

        Incident resolved = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.ACKNOWLEDGED, 60),
                entry(3, EntryType.RESOLVED, 600)));
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.acknowledgedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void aSecondAcknowledgementKeepsTheFirstTime() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.ACKNOWLEDGED, 60),
                entry(3, EntryType.ACKNOWLEDGED, 120)));
        assertThat(incident.acknowledgedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void reopeningClearsAcknowledgementAndResolution() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.ACKNOWLEDGED, 60),
                entry(3, EntryType.RESOLVED, 600), entry(4, EntryType.REOPENED, 900)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.acknowledgedAt()).isNull();
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.openedAt()).isEqualTo(T0);
    }

    @Test
    void theOwnerIsTheLatestKnownOne() {
        TimelineEntry owner = new TimelineEntry("e2", "inc-1", 2, EntryType.OWNER_RESOLVED, T0.plusSeconds(1),
                new Actor("SYSTEM", "alert-router"), "checkout", "payments", Severity.UNKNOWN, "Owner: payments", Map.of());
        TimelineEntry reassigned = new TimelineEntry("e3", "inc-1", 3, EntryType.REASSIGNED, T0.plusSeconds(2),
                new Actor("PERSON", "ann"), null, "platform", Severity.UNKNOWN, null, Map.of());
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), owner, reassigned));
        assertThat(incident.teamId()).isEqualTo("platform");
        assertThat(incident.serviceId()).isEqualTo("checkout");
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.summary()).isEqualTo("Checkout is down");
    }

    @Test
    void withoutItsOpeningTheIncidentCountsFromItsEarliestEntry() {
        Incident incident = IncidentProjection.fold(List.of(entry(3, EntryType.NOTIFIED, 30), entry(2, EntryType.OWNER_RESOLVED, 10)));
        assertThat(incident.openedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.lastSequence()).isEqualTo(3);
        assertThat(incident.eventCount()).isEqualTo(2);
    }

    @Test
    void theResultDoesNotDependOnDeliveryOrder() {
        List<TimelineEntry> entries = new ArrayList<>(List.of(opened(1, 0), entry(2, EntryType.NOTIFIED, 5),
                entry(3, EntryType.ACKNOWLEDGED, 60), entry(4, EntryType.RESOLVED, 600), entry(5, EntryType.REOPENED, 700),
                entry(6, EntryType.ACKNOWLEDGED, 760), entry(7, EntryType.NOTE_ADDED, 800)));
        Incident expected = IncidentProjection.fold(entries);
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(entries, random);
            assertThat(IncidentProjection.fold(entries)).isEqualTo(expected);
        }
        assertThat(expected.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(expected.acknowledgedAt()).isEqualTo(T0.plusSeconds(760));
    }

    @Test
    void anUnknownEntryTypeAddsHistoryButChangesNoStatus() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.UNKNOWN, 5)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.eventCount()).isEqualTo(2);
        assertThat(EntryType.fromName("SOMETHING_NEW")).isEqualTo(EntryType.UNKNOWN);
    }
}
