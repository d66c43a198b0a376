package io.ownwatch.router.notification;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to one address, queued for delivery: a page to a person, a post to a team channel, or the summary the
 * storm guard sends instead of the pages it held back.
 *
 * @param notificationId deterministic for what it notifies (for example {@code <incident>:<round>:<level>:<person>:EMAIL}),
 *                       so a retried escalation step queues nothing twice and a retried delivery pages once
 * @param incidentId     the incident it is about, or {@code null} for a storm summary covering several
 * @param personId       the person paged, or {@code null} for a team channel
 * @param address        URL for {@link Channel#WEBHOOK} and {@link Channel#SLACK}, e-mail address for {@link Channel#EMAIL}
 * @param level          the escalation level that sent it (1-based), 0 when not part of an escalation
 * @param details        what the message says beyond the incident itself (reason, summary text, counts); never secrets
 */
public record Page(String notificationId, UUID incidentId, String teamId, String personId, Channel channel,
        String address, Kind kind, int level, Map<String, String> details) {

    public Page {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.STORM_SUMMARY) {
            Objects.requireNonNull(incidentId, "incidentId");
        }
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** What the message is. */
    public enum Kind {
        /** An incident paged to a person. */
        PERSON_PAGE,
        /** An incident posted to a team's channel (also the quiet path for low severity). */
        TEAM_POST,
        /** The storm guard's one message for the pages above its cap. */
        STORM_SUMMARY
    }
}
