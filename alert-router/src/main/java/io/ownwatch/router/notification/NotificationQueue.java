package io.ownwatch.router.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The delivery side of the notification queue. A worker claims due pages with a lease, sends them outside any
 * transaction, then settles each claim. A settlement only applies while the claim's lease is the page's current
 * one, so a worker that was too slow (its lease ran out and another worker took the page) changes nothing.
 */
public interface NotificationQueue {

    /**
     * Claims up to {@code max} due pages ({@code PENDING}, due on the database's clock) that no other worker holds,
     * in a short transaction of its own, hiding them from other workers for the lease. A person's page whose
     * incident is no longer open (acknowledged or resolved) is cancelled instead.
     */
    Claimed claim(int max, Duration lease);

    /** Sent: never sent again. Joins the caller's transaction. */
    boolean markSent(Claim claim);

    /**
     * Due again after the delay.
     *
     * @param attempted whether this counts as an attempt (false when the page never left: no capacity to send it)
     */
    boolean reschedule(Claim claim, Duration delay, String error, boolean attempted);

    /** Given up after its last attempt. Joins the caller's transaction. */
    boolean markFailed(Claim claim, String error);

    /**
     * A page taken for sending.
     *
     * @param lease    identifies this claim; settling needs it
     * @param attempts the attempts made before this one
     */
    record Claim(Page page, UUID lease, int attempts) {
    }

    /** What one claim found: pages to send, and person pages cancelled because their incident was taken care of. */
    record Claimed(List<Claim> toSend, List<Page> cancelled) {

        public Claimed {
            toSend = List.copyOf(toSend);
            cancelled = List.copyOf(cancelled);
        }
    }
}
