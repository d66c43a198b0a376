package io.ownwatch.router.escalation;

import io.ownwatch.router.notification.Channel;
import java.util.Objects;

/**
 * One of a person's contact rules: page me on {@code channel}, {@code afterMinutes} after the step that pages me
 * (unless someone acknowledged by then: delivery cancels a page that falls due on an acknowledged incident).
 */
public record ContactRule(Channel channel, int afterMinutes) {

    /** A longer wait is no longer a page. */
    public static final int MAX_AFTER_MINUTES = 1440;

    public ContactRule {
        Objects.requireNonNull(channel, "channel");
        if (afterMinutes < 0 || afterMinutes > MAX_AFTER_MINUTES) {
            throw new IllegalArgumentException("afterMinutes must be between 0 and " + MAX_AFTER_MINUTES);
        }
    }
}
