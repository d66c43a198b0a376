package io.ownwatch.timeline.postmortem;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a replay plays an incident.
 *
 * @param maxPause the longest wait between two replayed events, after dividing by the speed: an incident that sat
 *                 unacknowledged overnight replays its night in this much time instead of hours
 */
@Validated
@ConfigurationProperties("ownwatch.replay")
public record ReplayProperties(@NotNull @DefaultValue("5s") Duration maxPause) {

    /** The wait before an event that originally came {@code gap} after the previous one. */
    public Duration pause(Duration gap, double speed) {
        if (gap.isNegative() || gap.isZero()) {
            return Duration.ZERO;
        }
        Duration scaled = Duration.ofNanos((long) Math.min(Long.MAX_VALUE, gap.toNanos() / speed));
        return scaled.compareTo(maxPause) > 0 ? maxPause : scaled;
    }
}
