package io.ownwatch.router.remediation;

import java.util.List;
import java.util.Optional;

/**
 * The router's own copy of {@code runbooks.v1}: the latest approved version of each runbook, so that deciding what to
 * request for a new incident needs no remote call. Fed in order per runbook; a change older than the one held is
 * ignored, so feeding the same records again (a redelivery, a new consumer group reading from offset 0) changes
 * nothing.
 */
public interface RunbookCatalog {

    /** Holds this version as the runbook's approved one, unless a later version is held already. */
    void approve(Runbook runbook);

    /** Takes the runbook out of use, unless a later version than the retired one is held already. */
    void retire(String runbookId, int version);

    /** Forgets the runbook (a tombstone on the compacted topic). */
    void remove(String runbookId);

    /** The approved runbooks meant for this service. */
    List<Runbook> approvedFor(String serviceId);

    /** The approved version of the runbook, if it has one. */
    Optional<Runbook> approved(String runbookId);
}
