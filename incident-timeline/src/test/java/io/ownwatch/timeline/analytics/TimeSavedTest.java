package io.ownwatch.timeline.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.incident.Severity;
import org.junit.jupiter.api.Test;

class TimeSavedTest {

    private static final TimeSaved.ServiceSeverity CHECKOUT_CRITICAL = new TimeSaved.ServiceSeverity("checkout", Severity.CRITICAL);

    @Test
    void creditsTheMedianOfTheSameServiceAndSeverityFirst() {
        TimeSaved.Result result = TimeSaved.compute(List.of(new TimeSaved.AutomatedGroup("checkout", Severity.CRITICAL, 3)),
                Map.of(CHECKOUT_CRITICAL, 1200.0), Map.of(Severity.CRITICAL, 600.0));
        assertThat(result.savedSeconds()).isEqualTo(3600.0);
        assertThat(result.comparedIncidents()).isEqualTo(3);
        assertThat(result.credits().get(0).comparedWith()).isEqualTo("SAME_SERVICE_AND_SEVERITY");
    }

    @Test
    void fallsBackToTheSameSeverityThenToNoCredit() {
        TimeSaved.Result result = TimeSaved.compute(List.of(
                        new TimeSaved.AutomatedGroup("search", Severity.CRITICAL, 2),
                        new TimeSaved.AutomatedGroup(null, Severity.CRITICAL, 1),
                        new TimeSaved.AutomatedGroup("search", Severity.INFO, 4)),
                Map.of(CHECKOUT_CRITICAL, 1200.0), Map.of(Severity.CRITICAL, 600.0));
        assertThat(result.credits()).extracting(TimeSaved.Credit::comparedWith)
                .containsExactly("SAME_SEVERITY", "SAME_SEVERITY", "NONE");
        assertThat(result.savedSeconds()).isEqualTo(1800.0);
        assertThat(result.automatedIncidents()).isEqualTo(7);
        assertThat(result.comparedIncidents()).isEqualTo(3);
        assertThat(result.withoutComparison()).isEqualTo(4);
        assertThat(result.credits().get(2).personMedianMttrSeconds()).isNull();
    }

    @Test
    void nothingAutomatedSavesNothing() {
        TimeSaved.Result result = TimeSaved.compute(List.of(), Map.of(CHECKOUT_CRITICAL, 1200.0), Map.of());
        assertThat(result.savedSeconds()).isZero();
        assertThat(result.automatedIncidents()).isZero();
    }

    @Test
    void acceptsRegionsAndUtcButRefusesOffsetsAndUnknownZones() {
        assertThat(Zones.parse("Europe/Berlin", "zone")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(Zones.parse("UTC", "zone")).isEqualTo(ZoneId.of("UTC"));
        assertThat(Zones.parse("Z", "zone")).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> Zones.parse("+02:00", "zone")).isInstanceOf(InvalidAnalyticsParameter.class);
        assertThatThrownBy(() -> Zones.parse("Mars/Olympus", "zone")).isInstanceOf(InvalidAnalyticsParameter.class)
                .extracting(ex -> ((InvalidAnalyticsParameter) ex).field()).isEqualTo("zone");
    }

    @Test
    void parsesBucketsInAnyCaseAndRefusesOthers() {
        assertThat(Bucket.parse("week")).isEqualTo(Bucket.WEEK);
        assertThat(Bucket.parse("DAY")).isEqualTo(Bucket.DAY);
        assertThatThrownBy(() -> Bucket.parse("month")).isInstanceOf(InvalidAnalyticsParameter.class);
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        Instant now = Instant.parse("2026-03-02T00:00:00Z");
        assertThatThrownBy(() -> new AnalyticsFilter(null, null, null, now, now))
                .isInstanceOf(InvalidAnalyticsParameter.class)
                .extracting(ex -> ((InvalidAnalyticsParameter) ex).field()).isEqualTo("from");
    }
}
