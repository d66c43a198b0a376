package io.ownwatch.router.integration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where integrations are kept: implemented by the PostgreSQL adapter. */
public interface Integrations {

    /**
     * Stores a new integration with the hash of its key.
     *
     * @throws IntegrationNameTaken when a live integration has the same name
     */
    void insert(Integration integration, String keyHash);

    /** The integration whose key hashes to this, revoked or not. */
    Optional<Integration> findByKeyHash(String keyHash);

    Optional<Integration> findById(UUID id);

    /** Every integration, newest first, revoked ones included so that a revocation stays visible. */
    List<Integration> findAll();

    /** Records the revocation of an integration. */
    void revoke(Integration revoked);
}
