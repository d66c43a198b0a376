package io.ownwatch.router.remediation;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The remediation trigger's decisions as plain functions: which runbooks apply to an incident, what an automatic
 * request looks like, what a result writes on the timeline, and how a verification window ends. No I/O, no clock.
 */
public final class RemediationDecisions {

    /** Who asks for automatic runbooks: the router, as the automation it is. */
    public static final TimelineEntry.Actor TRIGGER = new TimelineEntry.Actor(TimelineEntry.Actor.Kind.AUTOMATION,
            "alert-router");
    /** Who reports results that no person decided. */
    public static final TimelineEntry.Actor EXECUTOR = new TimelineEntry.Actor(TimelineEntry.Actor.Kind.AUTOMATION,
            "remediation-executor");
    static final String CLUSTER_LABEL = "cluster";
    static final String NAMESPACE_LABEL = "namespace";

    private RemediationDecisions() {
    }

    /** The runbooks meant for an incident of this service with an alert of these labels, by runbook id. */
    public static List<Runbook> applicable(Collection<Runbook> approved, String serviceId, Map<String, String> labels) {
        return approved.stream()
                .filter(runbook -> runbook.appliesTo(serviceId, labels))
                .sorted(Comparator.comparing(Runbook::runbookId))
                .toList();
    }

    /**
     * The id of the automatic request of this runbook version for this incident: the same every time it is
     * decided, so an alert replayed or a listener run twice never asks the executor twice.
     */
    public static String automaticRequestId(UUID incidentId, Runbook runbook) {
        String identity = "automatic:" + incidentId + ":" + runbook.runbookId() + ":" + runbook.version() + ":"
                + runbook.contentHash();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What the opening of an incident, or the paging of a level, asks of one automatic runbook. */
    public sealed interface Trigger {
        Runbook runbook();
    }

    /** Request it. */
    public record Requested(Runbook runbook, RemediationRequest request) implements Trigger {
    }

    /** Do not: the alert lacks labels for these required parameters. */
    public record ParametersMissing(Runbook runbook, List<String> names) implements Trigger {
    }

    /**
     * What an incident that just opened with this alert asks of the automatic runbooks among the approved ones: those
     * triggered when the incident opens (level 1); the others wait for their level to be paged.
     */
    public static List<Trigger> onOpened(Incident incident, Map<String, String> labels, Collection<Runbook> approved,
            Instant now) {
        return applicable(approved, incident.serviceId(), labels).stream()
                .filter(Runbook::automatic)
                .filter(runbook -> runbook.triggeredAt(Runbook.WHEN_OPENED))
                .map(runbook -> trigger(incident, labels, runbook, "automatic runbook for a new incident", now))
                .toList();
    }

    /**
     * What the paging of {@code level} asks of the automatic runbooks triggered at that level, among the approved ones.
     * A runbook applies when one of the incident's alerts matches it; the first such alert (in the order given: the
     * incident's alerts as held) binds its parameters, as for a runbook a person asks for. Level 1 asks nothing: its
     * runbooks were requested when the incident opened. The request id is {@link #automaticRequestId}, so a repeat
     * round, a restarted chain or a replay asks the executor nothing twice.
     *
     * @param alertLabels the labels of each of the incident's alerts, in the incident's order
     */
    public static List<Trigger> onLevelPaged(Incident incident, int level, List<Map<String, String>> alertLabels,
            Collection<Runbook> approved, Instant now) {
        if (level <= Runbook.WHEN_OPENED || incident.serviceId() == null) {
            return List.of();
        }
        List<Trigger> triggers = new ArrayList<>();
        approved.stream()
                .filter(Runbook::automatic)
                .filter(runbook -> runbook.triggeredAt(level))
                .sorted(Comparator.comparing(Runbook::runbookId))
                .forEach(runbook -> alertLabels.stream()
                        .filter(labels -> runbook.appliesTo(incident.serviceId(), labels))
                        .findFirst()
                        .ifPresent(labels -> triggers.add(trigger(incident, labels, runbook,
                                "automatic runbook: escalation level " + level + " paged", now))));
        return List.copyOf(triggers);
    }

    private static Trigger trigger(Incident incident, Map<String, String> labels, Runbook runbook, String reason,
            Instant now) {
        ParameterBinding binding = ParameterBinding.bind(runbook, labels);
        if (binding instanceof ParameterBinding.Missing missing) {
            return new ParametersMissing(runbook, missing.names());
        }
        return new Requested(runbook, request(automaticRequestId(incident.id(), runbook), incident, runbook, labels,
                ((ParameterBinding.Bound) binding).parameters(), TRIGGER, reason, now));
    }

    /** A request of this runbook for the incident, parameters already bound. */
    public static RemediationRequest request(String requestId, Incident incident, Runbook runbook,
            Map<String, String> labels, Map<String, String> parameters, TimelineEntry.Actor by, String reason,
            Instant now) {
        return new RemediationRequest(requestId, incident.id(), runbook.runbookId(), runbook.version(),
                runbook.contentHash(), incident.serviceId(), incident.teamId(), incident.severity(),
                present(labels.get(CLUSTER_LABEL)), present(labels.get(NAMESPACE_LABEL)), parameters, by, reason, now,
                runbook.verificationSeconds());
    }

    /**
     * The timeline attributes of an automatic request triggered by the paging of a level: those of any request, and
     * {@code triggerLevel}.
     */
    public static Map<String, String> requestedAttributes(RemediationRequest request, int triggerLevel) {
        Map<String, String> attributes = requestedAttributes(request, "automatic");
        attributes.put("triggerLevel", Integer.toString(triggerLevel));
        return attributes;
    }

    /** The timeline attributes of a request: what was asked, of which version, with which parameters. */
    public static Map<String, String> requestedAttributes(RemediationRequest request, String mode) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("requestId", request.requestId());
        attributes.put("runbookId", request.runbookId());
        attributes.put("runbookVersion", Integer.toString(request.runbookVersion()));
        attributes.put("contentHash", request.contentHash());
        attributes.put("mode", mode);
        attributes.put("reason", request.reason());
        request.parameters().forEach((name, value) -> attributes.put("parameter." + name, value));
        return attributes;
    }

    /** The timeline note of an automatic runbook not requested for want of labels. */
    public static Map<String, String> missingParametersNote(ParametersMissing missing) {
        return missingParametersNote(missing, "");
    }

    /**
     * The timeline note of an automatic runbook not requested for want of labels when its level was paged: the same
     * note as on open, saying so, with {@code triggerLevel}.
     */
    public static Map<String, String> missingParametersNote(ParametersMissing missing, int triggerLevel) {
        Map<String, String> attributes = missingParametersNote(missing, " when level " + triggerLevel + " was paged");
        attributes.put("triggerLevel", Integer.toString(triggerLevel));
        return attributes;
    }

    private static Map<String, String> missingParametersNote(ParametersMissing missing, String when) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("runbookId", missing.runbook().runbookId());
        attributes.put("runbookVersion", Integer.toString(missing.runbook().version()));
        attributes.put("missingParameters", String.join(",", missing.names()));
        attributes.put("text", "Automatic runbook " + missing.runbook().runbookId() + " was not requested" + when
                + ": the alert has no label for its required parameter" + (missing.names().size() == 1 ? " " : "s ")
                + String.join(", ", missing.names()));
        return attributes;
    }

    /**
     * What a result writes on the incident's timeline.
     *
     * @param escalate whether the escalation should page now (the remediation will not fix it)
     * @param verify whether a verification window starts (the remediation says it worked)
     */
    public record ResultEntry(TimelineEntryType type, TimelineEntry.Actor actor, Map<String, String> attributes,
            boolean escalate, boolean verify) {
    }

    /**
     * The timeline entry of a result. AWAITING_APPROVAL has no entry type of its own in the contract, so it is a
     * NOTE_ADDED by the executor with {@code remediation=AWAITING_APPROVAL} and a text saying who has to act.
     */
    public static ResultEntry entryFor(RemediationResult result) {
        return entryFor(result, OptionalInt.empty());
    }

    /**
     * The timeline entry of a result, naming the runbook version that ran when the router knows it (it made the
     * request): the result contract carries the content hash only.
     */
    public static ResultEntry entryFor(RemediationResult result, OptionalInt runbookVersion) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("requestId", result.requestId());
        attributes.put("runbookId", result.runbookId());
        runbookVersion.ifPresent(version -> attributes.put("runbookVersion", Integer.toString(version)));
        attributes.put("contentHash", result.contentHash());
        attributes.put("reason", result.reason());
        for (int i = 0; i < result.steps().size(); i++) {
            attributes.put("step." + (i + 1), step(result.steps().get(i)));
        }
        boolean byPerson = result.person() != null
                && (result.outcome() == RemediationResult.Outcome.APPROVED
                        || result.outcome() == RemediationResult.Outcome.REJECTED);
        TimelineEntry.Actor actor = byPerson
                ? new TimelineEntry.Actor(TimelineEntry.Actor.Kind.PERSON, result.person()) : EXECUTOR;
        return switch (result.outcome()) {
            case AWAITING_APPROVAL -> {
                attributes.put("remediation", "AWAITING_APPROVAL");
                attributes.put("text", "Runbook " + result.runbookId() + " waits for a person's approval");
                yield new ResultEntry(TimelineEntryType.NOTE_ADDED, actor, attributes, false, false);
            }
            case APPROVED -> new ResultEntry(TimelineEntryType.REMEDIATION_APPROVED, actor, attributes, false, false);
            case REJECTED -> new ResultEntry(TimelineEntryType.REMEDIATION_REJECTED, actor, attributes, true, false);
            case STARTED -> new ResultEntry(TimelineEntryType.REMEDIATION_STARTED, actor, attributes, false, false);
            case SUCCEEDED -> new ResultEntry(TimelineEntryType.REMEDIATION_SUCCEEDED, actor, attributes, false, true);
            case INEFFECTIVE -> new ResultEntry(TimelineEntryType.REMEDIATION_INEFFECTIVE, actor, attributes, true,
                    false);
            case FAILED, TIMED_OUT, UNKNOWN -> {
                attributes.put("outcome", result.outcome().name());
                yield new ResultEntry(TimelineEntryType.REMEDIATION_FAILED, actor, attributes, true, false);
            }
        };
    }

    private static String step(RemediationResult.Step step) {
        String line = step.name() + ": " + (step.succeeded() ? "succeeded" : "failed");
        return step.detail() == null || step.detail().isBlank() ? line : line + " - " + step.detail();
    }

    /** How a verification window ends. */
    public enum Verdict {
        /** The incident resolved inside the window: the remediation worked, nothing to say. */
        EFFECTIVE,
        /** The window passed with the incident still open: record it and escalate. */
        INEFFECTIVE,
        /** The incident resolved, but only after the window (the router was away when it ended): record it only. */
        INEFFECTIVE_RESOLVED_LATER
    }

    /** The verdict on a window that ended at {@code dueAt} for the incident as it is now. */
    public static Verdict verdict(Incident incident, Instant dueAt) {
        if (incident.isOpen()) {
            return Verdict.INEFFECTIVE;
        }
        return incident.resolvedAt().isAfter(dueAt) ? Verdict.INEFFECTIVE_RESOLVED_LATER : Verdict.EFFECTIVE;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
