package io.ownwatch.router.notification;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a channel puts into one message: the page, the incident as it is when the message leaves, and the
 * links. Channels only render it; they decide nothing.
 *
 * @param subject the incident, or {@code null} for a storm summary
 * @param links   where to act, or {@code null} for a storm summary
 */
public record Notice(Page page, Subject subject, Links links) {

    public Notice {
        Objects.requireNonNull(page, "page");
        if (page.kind() != Page.Kind.STORM_SUMMARY) {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(links, "links");
        }
    }

    /** The notification id every message carries, so a resend after a crash is recognisable as the same one. */
    public String notificationId() {
        return page.notificationId();
    }

    /** The incident the message is about, as far as a reader needs it. */
    public record Subject(UUID incidentId, String status, String severity, String serviceId, String teamId,
            String summary) {
    }

    /**
     * The links of a message.
     *
     * @param acknowledge one-click acknowledge as the paged person, or {@code null} when nobody in particular is paged
     *                    (a team post: a channel has no person to act as)
     * @param resolve     one-click resolve, likewise
     * @param open        the incident
     */
    public record Links(URI acknowledge, URI resolve, URI open) {

        public Links {
            Objects.requireNonNull(open, "open");
        }
    }
}
