package io.ownwatch.timeline.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ownwatch.timeline.incident.Actor;
import io.ownwatch.timeline.incident.Incident;
import io.ownwatch.timeline.incident.Offset;
import io.ownwatch.timeline.incident.TimelineEntry;

/**
 * Renders the Markdown draft a postmortem author starts from: what the timeline knows (summary, impact window,
 * detection, response and resolution times, every event, remediations, people) and empty sections for what only
 * people know (causes, follow-ups). Pure: the same incident always renders the same text, times in UTC.
 */
public final class PostmortemDraft {

    private static final String TO_BE_WRITTEN = "_To be written._";

    private PostmortemDraft() {
    }

    /**
     * @param incident the incident as projected
     * @param entries  its entries in sequence order
     */
    public static String render(Incident incident, List<TimelineEntry> entries) {
        Incident.Response response = incident.response();
        Instant start = response.firstAlertAt();
        StringBuilder md = new StringBuilder();
        md.append("# Postmortem draft: ").append(text(incident.summary() == null ? incident.incidentId() : incident.summary()))
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Incident | `").append(incident.incidentId()).append("` |\n");
        md.append("| Service | ").append(orDash(incident.serviceId())).append(" |\n");
        md.append("| Team | ").append(orDash(incident.teamId())).append(" |\n");
        md.append("| Severity | ").append(incident.severity()).append(" |\n");
        md.append("| Status | ").append(incident.status()).append(" |\n\n");

        md.append("## Summary\n\n");
        md.append(text(incident.summary() == null ? "No summary was given." : incident.summary())).append("\n\n");

        md.append("## Impact window\n\n");
        md.append("- Start (first alert received): ").append(time(start)).append('\n');
        if (incident.resolvedAt() != null) {
            md.append("- End (resolved): ").append(time(incident.resolvedAt())).append('\n');
            md.append("- Duration: ").append(Offset.format(Duration.between(start, incident.resolvedAt())).substring(1)).append('\n');
        }
        else {
            md.append("- End: not resolved yet\n");
        }
        md.append('\n');

        md.append("## Detection, response and resolution\n\n");
        md.append("| Moment | Time (UTC) | After first alert |\n|---|---|---|\n");
        moment(md, "First alert received", start, start);
        moment(md, "Incident opened", incident.openedAt(), start);
        moment(md, "First acknowledged by a person (MTTA)", response.firstPersonAckAt(), start);
        moment(md, "First acknowledged by automation", response.firstAutomationAckAt(), start);
        moment(md, "First resolved", response.firstResolvedAt(), start);
        if (incident.counts().reopened() > 0) {
            moment(md, "Finally resolved (MTTR)", incident.resolvedAt(), start);
        }
        md.append('\n');
        Incident.Counts counts = incident.counts();
        md.append("Escalations: ").append(counts.escalations()).append(". Pages: ").append(counts.notifications())
                .append(". Reopened: ").append(counts.reopened()).append(".")
                .append(incident.resolvedByAutomation() ? " Resolved by automation, without a person." : "")
                .append("\n\n");

        Instant first = entries.isEmpty() ? start : entries.get(0).occurredAt();
        md.append("## Timeline\n\n");
        md.append("| Offset | Time (UTC) | # | Event | Actor | Detail |\n|---|---|---|---|---|---|\n");
        for (TimelineEntry entry : entries) {
            md.append("| ").append(Offset.format(Duration.between(first, entry.occurredAt()))).append(" | ")
                    .append(time(entry.occurredAt())).append(" | ").append(entry.sequence()).append(" | ")
                    .append(entry.type()).append(" | ").append(actor(entry.actor())).append(" | ")
                    .append(detail(entry)).append(" |\n");
        }
        md.append('\n');

        md.append("## Remediations\n\n");
        List<TimelineEntry> remediations = entries.stream().filter(e -> e.type().name().startsWith("REMEDIATION_")).toList();
        if (remediations.isEmpty()) {
            md.append("None.\n\n");
        }
        else {
            md.append("| Offset | Event | Actor | Detail |\n|---|---|---|---|\n");
            for (TimelineEntry entry : remediations) {
                md.append("| ").append(Offset.format(Duration.between(first, entry.occurredAt()))).append(" | ")
                        .append(entry.type()).append(" | ").append(actor(entry.actor())).append(" | ")
                        .append(detail(entry)).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## People involved\n\n");
        Map<String, Set<String>> people = new LinkedHashMap<>();
        for (TimelineEntry entry : entries) {
            if (Actor.PERSON.equals(entry.actor().kind())) {
                people.computeIfAbsent(entry.actor().id(), id -> new LinkedHashSet<>()).add(entry.type().name());
            }
        }
        if (people.isEmpty()) {
            md.append("None.\n\n");
        }
        else {
            people.forEach((id, actions) -> md.append("- ").append(text(id)).append(": ")
                    .append(String.join(", ", actions)).append('\n'));
            md.append('\n');
        }

        md.append("## Causes\n\n").append(TO_BE_WRITTEN).append("\n\n");
        md.append("## Follow-ups\n\n").append(TO_BE_WRITTEN).append('\n');
        return md.toString();
    }

    private static void moment(StringBuilder md, String name, Instant at, Instant start) {
        md.append("| ").append(name).append(" | ");
        if (at == null) {
            md.append("never | - |\n");
        }
        else {
            md.append(time(at)).append(" | ").append(Offset.format(Duration.between(start, at))).append(" |\n");
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String actor(Actor actor) {
        return text(actor.kind() + " " + actor.id());
    }

    private static String detail(TimelineEntry entry) {
        StringBuilder detail = new StringBuilder();
        if (entry.summary() != null) {
            detail.append(entry.summary());
        }
        if (!entry.attributes().isEmpty()) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append(new TreeMap<>(entry.attributes()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        return text(detail.toString());
    }

    private static String orDash(String value) {
        return value == null ? "-" : text(value);
    }

    /** One line of table-safe text: a pipe would end the cell, a newline the row. */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
