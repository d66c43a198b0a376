package io.ownwatch.router.integration;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing and revoking integrations: what the admin API does. */
@Component
public class IntegrationCatalog {

    private final Integrations integrations;
    private final IntegrationKeys keys;
    private final Clock clock;

    IntegrationCatalog(Integrations integrations, IntegrationKeys keys, Clock clock) {
        this.integrations = integrations;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Creates an integration with a fresh key.
     *
     * @throws IntegrationNameTaken when a live integration has the same name
     */
    public CreatedIntegration create(NewIntegration request, String actor) {
        String key = IntegrationKey.generate();
        Integration integration = new Integration(UUID.randomUUID(), request.name(), request.type(), request.teamId(),
                request.signingSecret(), clock.instant(), actor, null, null);
        integrations.insert(integration, IntegrationKey.hash(key));
        return new CreatedIntegration(integration, key);
    }

    public List<Integration> list() {
        return integrations.findAll();
    }

    /** @throws IntegrationNotFound when there is no such integration */
    public Integration get(UUID id) {
        return integrations.findById(id).orElseThrow(() -> new IntegrationNotFound(id));
    }

    /**
     * Revokes the integration's key: from now on it is refused here, and on other instances once their cache expires.
     *
     * @throws IntegrationNotFound when there is no such integration
     * @throws IntegrationAlreadyRevoked when it was revoked before
     */
    @Transactional
    public Integration revoke(UUID id, String actor) {
        Integration revoked = get(id).revoke(clock.instant(), actor);
        integrations.revoke(revoked);
        keys.forget(id);
        return revoked;
    }
}
