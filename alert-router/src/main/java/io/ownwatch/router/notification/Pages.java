package io.ownwatch.router.notification;

import java.time.Duration;

/** The notification queue. Enqueuing joins the caller's transaction, so a page exists exactly when the step that sent it committed. */
public interface Pages {

    /**
     * Queues a page for delivery as soon as possible.
     *
     * @return {@code false} when a page with this notification id was queued before (nothing changes)
     */
    default boolean enqueue(Page page) {
        return enqueue(page, Duration.ZERO);
    }

    /**
     * Queues a page due after a delay, measured on the database's clock (a contact rule's "after 5 minutes").
     * Delivery cancels a person's page whose incident was acknowledged or resolved before it fell due.
     *
     * @return {@code false} when a page with this notification id was queued before (nothing changes)
     */
    boolean enqueue(Page page, Duration delay);
}
