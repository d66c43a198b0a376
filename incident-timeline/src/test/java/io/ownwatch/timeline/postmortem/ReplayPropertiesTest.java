package io.ownwatch.timeline.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplayPropertiesTest {

    private final ReplayProperties properties = new ReplayProperties(Duration.ofSeconds(5));

    @Test
    void dividesTheOriginalGapBySpeed() {
        assertThat(properties.pause(Duration.ofSeconds(30), 10)).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.pause(Duration.ofMillis(500), 0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void cutsLongPausesToTheMaximum() {
        assertThat(properties.pause(Duration.ofHours(8), 10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.pause(Duration.ofDays(3650), 0.01)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void neverWaitsForSimultaneousOrBackwardsEvents() {
        assertThat(properties.pause(Duration.ZERO, 1)).isZero();
        assertThat(properties.pause(Duration.ofSeconds(-3), 1)).isZero();
    }
}
