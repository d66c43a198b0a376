package io.ownwatch.registry.schedule;

import java.time.Instant;

/** One person on call during [from, to). */
public record Shift(String personId, Instant from, Instant to) {
}
