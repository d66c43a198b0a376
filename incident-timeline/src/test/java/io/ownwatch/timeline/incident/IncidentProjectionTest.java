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

    private static TimelineEntry suppressed(long sequence, String reason) {
        return new TimelineEntry("e" + sequence, "inc-1", sequence, EntryType.SUPPRESSED, T0.plusSeconds(sequence),
                new Actor("SYSTEM", "alert-router"), "checkout", null, Severity.WARNING, "Disk filling", Map.of("reason", reason));
    }

    @Test
    void onlyEntriesThatASilenceHeldBackMakeASilenceLog() {
        assertThat(IncidentProjection.isSilenceLog(List.of(suppressed(1, "silenced"), suppressed(2, "silenced")))).isTrue();
        assertThat(IncidentProjection.isSilenceLog(List.of(suppressed(1, "inhibited-by"))))
                .as("an inhibition is written on the inhibiting incident's own timeline").isFalse();
        assertThat(IncidentProjection.isSilenceLog(List.of(suppressed(1, "silenced"), opened(2, 5)))).isFalse();
        assertThat(IncidentProjection.isSilenceLog(List.of())).isFalse();
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

    private static TimelineEntry by(long sequence, EntryType type, long secondsAfterT0, String actorKind) {
        return new TimelineEntry("e" + sequence, "inc-1", sequence, type, T0.plusSeconds(secondsAfterT0),
                new Actor(actorKind, actorKind.toLowerCase()), null, null, Severity.UNKNOWN, null, Map.of());
    }

    @Test
    void measuresFromTheFirstAlertReceivedAndSeparatesPeopleFromAutomation() {
        Incident incident = IncidentProjection.fold(List.of(opened(2, 10), entry(1, EntryType.ALERT_RECEIVED, 5),
                by(3, EntryType.ACKNOWLEDGED, 20, "AUTOMATION"), by(4, EntryType.ACKNOWLEDGED, 90, "PERSON"),
                by(5, EntryType.ACKNOWLEDGED, 95, "PERSON"), entry(6, EntryType.RESOLVED, 600)));
        assertThat(incident.response().firstAlertAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(incident.response().firstAutomationAckAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(incident.response().firstPersonAckAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(incident.response().firstResolvedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(incident.resolvedByAutomation()).isFalse();
    }

    @Test
    void aReopenedIncidentKeepsItsFirstMomentsAndCountsTheReopenings() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), by(2, EntryType.ACKNOWLEDGED, 60, "PERSON"),
                entry(3, EntryType.RESOLVED, 600), entry(4, EntryType.REOPENED, 900), by(5, EntryType.ACKNOWLEDGED, 960, "PERSON"),
                entry(6, EntryType.RESOLVED, 1200), entry(7, EntryType.REOPENED, 1300)));
        assertThat(incident.counts().reopened()).isEqualTo(2);
        assertThat(incident.response().firstPersonAckAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(incident.response().firstResolvedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(incident.resolvedAt()).isNull();
        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void countsEscalationsPagesAndRemediationOutcomes() {
        Incident incident = IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.NOTIFIED, 1),
                entry(3, EntryType.ESCALATED, 300), entry(4, EntryType.NOTIFIED, 301), entry(5, EntryType.REMEDIATION_REQUESTED, 310),
                entry(6, EntryType.REMEDIATION_FAILED, 320), entry(7, EntryType.REMEDIATION_REQUESTED, 330),
                entry(8, EntryType.REMEDIATION_INEFFECTIVE, 340), entry(9, EntryType.REMEDIATION_REJECTED, 341),
                entry(10, EntryType.REMEDIATION_SUCCEEDED, 350)));
        assertThat(incident.counts()).isEqualTo(new Incident.Counts(1, 2, 2, 1, 3, 0));
    }

    @Test
    void anIncidentResolvedAfterASuccessfulRemediationWithoutAnyPersonIsResolvedByAutomation() {
        List<TimelineEntry> automated = List.of(opened(1, 0), by(2, EntryType.ACKNOWLEDGED, 3, "AUTOMATION"),
                entry(3, EntryType.REMEDIATION_SUCCEEDED, 40), entry(4, EntryType.RESOLVED, 60));
        assertThat(IncidentProjection.fold(automated).resolvedByAutomation()).isTrue();

        List<TimelineEntry> personAcked = new ArrayList<>(automated);
        personAcked.add(by(5, EntryType.ACKNOWLEDGED, 50, "PERSON"));
        assertThat(IncidentProjection.fold(personAcked).resolvedByAutomation()).isFalse();

        assertThat(IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.RESOLVED, 60))).resolvedByAutomation())
                .as("resolved without a remediation").isFalse();
        assertThat(IncidentProjection.fold(automated.subList(0, 3)).resolvedByAutomation()).as("not resolved").isFalse();
    }

    @Test
    void aMissingSequenceIsAGap() {
        assertThat(IncidentProjection.fold(List.of(opened(1, 0), entry(3, EntryType.NOTIFIED, 1))).hasGap()).isTrue();
        assertThat(IncidentProjection.fold(List.of(entry(2, EntryType.NOTIFIED, 1))).hasGap()).isTrue();
        assertThat(IncidentProjection.fold(List.of(opened(1, 0), entry(2, EntryType.NOTIFIED, 1))).hasGap()).isFalse();
    }

    @Test
    void offsetsReadAsClockTimesWithDaysSpelledOut() {
        assertThat(Offset.format(java.time.Duration.ZERO)).isEqualTo("+00:00:00");
        assertThat(Offset.format(java.time.Duration.ofSeconds(90))).isEqualTo("+00:01:30");
        assertThat(Offset.format(java.time.Duration.ofHours(26).plusSeconds(5))).isEqualTo("+1d 02:00:05");
        assertThat(Offset.format(java.time.Duration.ofSeconds(-5))).isEqualTo("-00:00:05");
    }
}
