package io.ownwatch.router.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where escalations, their timers and the storm guard's counts are kept: the JDBC adapter. */
public interface Escalations {

    /** The database's clock: every deadline is compared with it, never with a node's clock. */
    Instant now();

    /** Starts the escalation of a new incident, its first step due now (database time); a second start changes nothing. */
    void start(UUID incidentId, String teamId, String serviceId);

    /** The escalation, locked for the rest of the transaction. */
    Optional<Escalation> findForUpdate(UUID incidentId);

    Optional<Escalation> find(UUID incidentId);

    /**
     * Claims up to {@code limit} escalations whose step is due and that no other instance holds ({@code FOR UPDATE
     * SKIP LOCKED}), for {@code lease}: the step's remote look-ups run outside any transaction meanwhile.
     */
    List<Escalation> claimDue(int limit, Duration lease);

    /** Writes the escalation's changeable part, bumps its version and releases its claim. */
    void update(Escalation escalation);

    /** Releases a claim without a change (the step no longer applies as prepared). */
    void release(UUID incidentId);

    /**
     * Counts personal pages of a team in the minute, at most {@code cap}.
     *
     * @return how many of {@code wanted} pages fit under the cap
     */
    int admitPages(String teamId, Instant minute, int wanted, int cap);

    /**
     * Records that a person's page for an incident was held back in the minute.
     *
     * @return how many incidents were held back for the person in that minute so far
     */
    int holdBack(String teamId, String personId, Instant minute, UUID incidentId);

    /** Sets the held-back count on a queued storm summary still waiting for delivery. */
    void updateSummary(String notificationId, int heldBack);
}
