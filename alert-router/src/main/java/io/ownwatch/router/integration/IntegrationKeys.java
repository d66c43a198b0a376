package io.ownwatch.router.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Admits a request by its integration key. Keys that were found are trusted for a short while without asking
 * the database again, because every alert post carries one and the answer rarely changes; unknown keys are never
 * cached, so a key created a moment ago works at once.
 */
@Component
public class IntegrationKeys {

    /** Far more than any real number of integrations: a bound, not a tuning knob. */
    private static final int MAX_CACHED = 10_000;

    private final Integrations integrations;
    private final IntegrationProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    IntegrationKeys(Integrations integrations, IntegrationProperties properties, Clock clock) {
        this.integrations = integrations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The live integration this key belongs to.
     *
     * @throws UnknownIntegrationKey when the key is not one, is unknown or was revoked
     * @throws IntegrationKeysUnavailable when the database cannot be asked: the key may well be good
     */
    public Integration authenticate(String key) {
        if (!IntegrationKey.looksLikeKey(key)) {
            throw new UnknownIntegrationKey("This request needs an integration key (owk_...).");
        }
        String hash = IntegrationKey.hash(key);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.integration();
        }
        Integration integration;
        try {
            integration = integrations.findByKeyHash(hash).orElse(null);
        } catch (DataAccessException e) {
            throw new IntegrationKeysUnavailable(e);
        }
        if (integration == null || integration.revoked()) {
            cache.remove(hash);
            // One sentence for both: telling "revoked" from "never existed" would help someone guessing keys.
            throw new UnknownIntegrationKey("The integration key is unknown or revoked.");
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash, new Cached(integration, now.plus(properties.keyCacheTtl())));
        return integration;
    }

    /** Forgets a revoked integration at once on this instance; other instances follow within the cache TTL. */
    void forget(UUID integrationId) {
        cache.values().removeIf(cached -> cached.integration().id().equals(integrationId));
    }

    private record Cached(Integration integration, Instant expiresAt) {
    }
}
