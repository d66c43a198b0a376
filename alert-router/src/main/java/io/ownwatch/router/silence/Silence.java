package io.ownwatch.router.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A silence: while active, an alert whose labels satisfy every matcher opens no incident (the alert is still
 * recorded, as suppressed). A maintenance window is a silence created ahead of time, with a future start.
 *
 * @param author the token subject of whoever created it
 * @param reason short category, e.g. "maintenance", or {@code null}
 * @param comment why, in words; required, because a silence nobody can explain gets nobody paged
 * @param expiredAt when someone ended it early, or {@code null}
 * @param nextSequence sequence number of the next SUPPRESSED event on the silence's own timeline
 */
public record Silence(
        UUID id,
        List<Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String author,
        String reason,
        String comment,
        Instant createdAt,
        Instant expiredAt,
        long nextSequence) {

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdAt, "createdAt");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
    }

    /** Whether the silence is in force at that instant: started, not ended, not expired by hand. */
    public boolean isActiveAt(Instant at) {
        Instant end = expiredAt != null && expiredAt.isBefore(endsAt) ? expiredAt : endsAt;
        return !at.isBefore(startsAt) && at.isBefore(end);
    }

    /** Whether the silence covers an alert with these labels (every matcher holds). */
    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** The silence ended now by hand; an already ended one stays as it was. */
    public Silence expire(Instant at) {
        if (!isActiveAt(at) && !at.isBefore(startsAt)) {
            return this;
        }
        return new Silence(id, matchers, startsAt, endsAt, author, reason, comment, createdAt, at, nextSequence);
    }
}
