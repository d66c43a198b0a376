package io.ownwatch.router.escalation;

import io.ownwatch.router.notification.Channel;
import java.util.Objects;

/** Where the registry says a person is reached, looked up at the step that pages them. */
public record Contact(String personId, String email, String slackWebhook) {

    public Contact {
        Objects.requireNonNull(personId, "personId");
    }

    /** The address of a channel, or {@code null} when the person has none there. */
    public String address(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SLACK -> slackWebhook;
            case WEBHOOK -> null;
        };
    }
}
