package io.ownwatch.executor.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The approved runbooks and service owners the executor knows, as the registry last published them. Written only
 * by the topic feeds; the policy reads it before every run.
 */
public interface RunbookCatalog {

    /** The latest approved version of a runbook; empty when never approved or retired. */
    Optional<Runbook> runbook(String runbookId);

    List<Runbook> runbooks();

    /** Keeps this version unless a later one is already held (a replayed topic never goes back in time). */
    void approved(Runbook runbook);

    /** Forgets the runbook if the held version is not newer than the retired one. */
    void retired(String runbookId, int version);

    /** The team that owns a service; empty when the registry never published it or deleted it. */
    Optional<String> owningTeam(String serviceId);

    /** Keeps this owner unless a later revision is already held. */
    void owned(String serviceId, String teamId, long revision);

    void deleted(String serviceId);
}
