package io.ownwatch.registry.schedule;

import java.time.Duration;
import java.time.Instant;

/** A time [from, to) when nobody is on call. */
public record Gap(Instant from, Instant to) {

    public Duration length() {
        return Duration.between(from, to);
    }
}
