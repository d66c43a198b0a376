package io.ownwatch.router.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "critical, CRITICAL", "page, CRITICAL", "CRITICAL, CRITICAL", "' Page ', CRITICAL",
        "error, ERROR", "high, ERROR", "High, ERROR",
        "warning, WARNING", "warn, WARNING", "WARN, WARNING",
        "info, INFO", "low, INFO", "Info, INFO"
    })
    void mapsTheWordsMonitoringSetupsUse(String label, Severity expected) {
        assertThat(Severity.fromLabel(label)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sev1", "p1", "fatal", "none", "   "})
    @NullAndEmptySource
    void treatsAnythingElseAsUnknownRatherThanGuessing(String label) {
        assertThat(Severity.fromLabel(label)).isEqualTo(Severity.UNKNOWN);
    }
}
