package io.ownwatch.router.remediation.kafka;

import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.Severity;
import io.ownwatch.router.remediation.AlertMatcher;
import io.ownwatch.router.remediation.Parameter;
import io.ownwatch.router.remediation.RemediationRequest;
import io.ownwatch.router.remediation.RemediationResult;
import io.ownwatch.router.remediation.Runbook;
import io.ownwatch.router.remediation.RunbookMode;
import io.ownwatch.router.remediation.RunbookUnreadable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Between the Avro contracts and the remediation domain, both ways; nothing else touches the generated classes. */
final class RemediationContracts {

    private RemediationContracts() {
    }

    /**
     * The runbook of an approved version. Its matchers' regular expressions are compiled here, so that one that does
     * not compile is refused at the door instead of failing every incident it would meet.
     *
     * @throws RunbookUnreadable when the version cannot be used
     */
    static Runbook toRunbook(RunbookVersion version) {
        String id = version.getRunbookId();
        List<AlertMatcher> matchers = version.getAlertMatchers().stream().map(m -> toMatcher(id, m)).toList();
        // UNKNOWN is read as needs-approval: an unreadable mode must never run unattended.
        RunbookMode mode = switch (version.getMode()) {
            case AUTOMATIC -> RunbookMode.AUTOMATIC;
            case NEEDS_APPROVAL, UNKNOWN -> RunbookMode.NEEDS_APPROVAL;
        };
        List<Parameter> parameters = Parameter.fromSchema(id, version.getParameterSchema());
        if (version.getVerificationSeconds() < 1) {
            throw new RunbookUnreadable(id, "its verificationSeconds is " + version.getVerificationSeconds());
        }
        if (version.getTriggerAtLevel() < Runbook.WHEN_OPENED) {
            throw new RunbookUnreadable(id, "its triggerAtLevel is " + version.getTriggerAtLevel());
        }
        return new Runbook(id, version.getVersion(), version.getContentHash(), version.getTitle(),
                version.getOwnerTeamId(), mode, List.copyOf(version.getServiceIds()), matchers, parameters,
                Math.max(0, version.getGracePeriodSeconds()), version.getVerificationSeconds(),
                version.getTriggerAtLevel());
    }

    private static AlertMatcher toMatcher(String runbookId, LabelMatcher matcher) {
        if (matcher.getOp() == MatchOp.REGEX || matcher.getOp() == MatchOp.NOT_REGEX) {
            try {
                Pattern.compile(matcher.getValue());
            } catch (PatternSyntaxException e) {
                throw new RunbookUnreadable(runbookId, "the expression of its matcher on " + matcher.getLabel()
                        + " does not compile");
            }
        }
        return new AlertMatcher(matcher.getLabel(), AlertMatcher.Op.valueOf(matcher.getOp().name()),
                matcher.getValue());
    }

    static io.ownwatch.events.RemediationRequest toEvent(RemediationRequest request) {
        return io.ownwatch.events.RemediationRequest.newBuilder()
                .setRequestId(request.requestId())
                .setIncidentId(request.incidentId().toString())
                .setRunbookId(request.runbookId())
                .setRunbookVersion(request.runbookVersion())
                .setContentHash(request.contentHash())
                .setServiceId(request.serviceId())
                .setTeamId(request.teamId())
                .setSeverity(Severity.valueOf(request.severity().name()))
                .setCluster(request.cluster())
                .setNamespace(request.namespace())
                .setParameters(new LinkedHashMap<>(request.parameters()))
                .setRequestedBy(Actor.newBuilder()
                        .setKind(ActorKind.valueOf(request.requestedBy().kind().name()))
                        .setId(request.requestedBy().id())
                        .build())
                .setReason(request.reason())
                .setRequestedAt(request.requestedAt())
                .build();
    }

    /**
     * The result as the domain reads it.
     *
     * @throws IllegalArgumentException when its incident id is not a UUID
     */
    static RemediationResult toResult(io.ownwatch.events.RemediationResult event) {
        Actor actor = event.getActor();
        return new RemediationResult(event.getEventId(), event.getRequestId(), UUID.fromString(event.getIncidentId()),
                event.getRunbookId(), event.getContentHash(),
                RemediationResult.Outcome.valueOf(event.getOutcome().name()), event.getReason(),
                event.getSteps().stream()
                        .map(step -> new RemediationResult.Step(step.getName(), step.getSucceeded(), step.getDetail()))
                        .toList(),
                actor != null && actor.getKind() == ActorKind.PERSON ? actor.getId() : null,
                event.getOccurredAt());
    }
}
