package io.ownwatch.router.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules responders meet: what may be done to an incident in which state. */
class IncidentTest {

    private static final Instant OPENED = Instant.parse("2025-03-04T10:15:00Z");

    @Test
    void acknowledgingTwiceKeepsTheFirstAcknowledgement() {
        Incident acknowledged = open().acknowledge("bob", OPENED.plusSeconds(60));

        assertThat(acknowledged.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("bob");
        assertThat(acknowledged.acknowledge("erin", OPENED.plusSeconds(120))).isSameAs(acknowledged);
    }

    @Test
    void resolvingAResolvedIncidentIsRefused() {
        Incident resolved = open().resolve(OPENED.plusSeconds(300));

        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.isOpen()).isFalse();
        assertThatThrownBy(() -> resolved.resolve(OPENED.plusSeconds(400))).isInstanceOf(IncidentAlreadyResolved.class);
        assertThatThrownBy(() -> resolved.acknowledge("bob", OPENED.plusSeconds(400))).isInstanceOf(IncidentAlreadyResolved.class);
        assertThatThrownBy(() -> resolved.reassign("identity")).isInstanceOf(IncidentAlreadyResolved.class);
    }

    @Test
    void reopeningWithinTheWindowTriggersItAgainWithoutAcknowledgementOrResolution() {
        Incident resolved = open().acknowledge("bob", OPENED.plusSeconds(60)).resolve(OPENED.plusSeconds(300));

        Incident reopened = resolved.reopen(OPENED.plusSeconds(300).plus(Duration.ofHours(24)), Duration.ofHours(24));

        assertThat(reopened.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(reopened.isOpen()).isTrue();
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.acknowledgedAt()).isNull();
        assertThat(reopened.acknowledgedBy()).isNull();
        assertThat(reopened.openedAt()).as("response times still count from the first alert").isEqualTo(OPENED);
        assertThat(reopened.alertCount()).isEqualTo(resolved.alertCount());
        assertThat(reopened.nextSequence()).isEqualTo(resolved.nextSequence());
    }

    @Test
    void reopeningIsRefusedWhenNotResolvedOrAfterTheWindow() {
        Duration window = Duration.ofHours(24);
        assertThatThrownBy(() -> open().reopen(OPENED.plusSeconds(60), window)).isInstanceOf(IncidentNotResolved.class);
        assertThatThrownBy(() -> open().acknowledge("bob", OPENED).reopen(OPENED.plusSeconds(60), window))
                .isInstanceOf(IncidentNotResolved.class);

        Incident resolved = open().resolve(OPENED.plusSeconds(300));
        assertThatThrownBy(() -> resolved.reopen(OPENED.plusSeconds(301).plus(window), window))
                .isInstanceOf(ReopenWindowClosed.class)
                .hasMessageContaining("PT24H")
                .satisfies(e -> assertThat(((ReopenWindowClosed) e).window()).isEqualTo(window));
    }

    @Test
    void anAcknowledgedIncidentIsStillOpenAndCanBeResolvedAndReassigned() {
        Incident acknowledged = open().acknowledge("bob", OPENED.plusSeconds(60));

        assertThat(acknowledged.isOpen()).isTrue();
        assertThat(acknowledged.reassign("identity").teamId()).isEqualTo("identity");
        assertThat(acknowledged.resolve(OPENED.plusSeconds(90)).resolvedAt()).isEqualTo(OPENED.plusSeconds(90));
    }

    @Test
    void neverResolvesOrAcknowledgesBeforeItOpened() {
        Instant clockBehind = OPENED.minusSeconds(5);

        assertThat(open().resolve(clockBehind).resolvedAt()).isEqualTo(OPENED);
        assertThat(open().acknowledge("bob", clockBehind).acknowledgedAt()).isEqualTo(OPENED);
    }

    @Test
    void takingSequenceNumbersAdvancesTheNextOne() {
        assertThat(open().sequenced(3).nextSequence()).isEqualTo(6);
    }

    @Test
    void refusesAResolvedAtThatContradictsTheStatus() {
        assertThatThrownBy(() -> new Incident(UUID.randomUUID(), "k", IncidentStatus.OPEN, null, "ops", Severity.ERROR,
                "s", OPENED, OPENED, OPENED, 1, 1, null, false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Incident open() {
        return new Incident(UUID.randomUUID(), "fp", IncidentStatus.OPEN, "checkout", "payments", Severity.CRITICAL,
                "Checkout down", OPENED, OPENED, null, 1, 3, "service=checkout,alertname=Down", false, null, null, null);
    }
}
