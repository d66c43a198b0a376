package io.ownwatch.router.integration;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A sending system allowed to post alerts. The key itself is never part of it: only its hash is stored.
 *
 * @param teamId default routing hint, carried as a label on every alert; {@code null} when routing decides alone
 * @param signingSecret when set, every request must carry a valid HMAC-SHA256 signature; {@code null} otherwise
 * @param revokedAt when the key stopped working, or {@code null} while it works
 */
public record Integration(
        UUID id,
        String name,
        IntegrationType type,
        String teamId,
        String signingSecret,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy) {

    public Integration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean signed() {
        return signingSecret != null;
    }

    /** The same integration with its key revoked; refuses to revoke twice so the first revocation stays on record. */
    public Integration revoke(Instant at, String by) {
        if (revoked()) {
            throw new IntegrationAlreadyRevoked(id);
        }
        return new Integration(id, name, type, teamId, signingSecret, createdAt, createdBy, at, by);
    }
}
