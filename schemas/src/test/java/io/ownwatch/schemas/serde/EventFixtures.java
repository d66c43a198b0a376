package io.ownwatch.schemas.serde;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ownwatch.events.ActionType;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.RemediationOutcome;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RiskClass;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookStep;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.events.Severity;
import io.ownwatch.events.StepResult;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.apache.avro.specific.SpecificRecord;

/** One instance of every event type with every field set, optional ones included. */
final class EventFixtures {

    // Millisecond precision: timestamp-millis keeps nothing finer.
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    private EventFixtures() {
    }

    static List<SpecificRecord> everyEventType() {
        return List.of(alert(), ownership(), runbook(), remediationRequest(), remediationResult(), timeline());
    }

    static AlertEvent alert() {
        return AlertEvent.newBuilder()
                .setEventId("evt-1")
                .setDedupKey("fp-9f8e7d")
                .setSource(AlertSource.ALERTMANAGER)
                .setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setSummary("checkout p99 latency above 2s — ünïcode too")
                .setLabels(Map.of("alertname", "HighLatency", "service", "checkout"))
                .setAnnotations(Map.of("runbook_url", "https://runbooks.example/checkout"))
                .setStartsAt(T0)
                .setEndsAt(T0.plusSeconds(600))
                .setReceivedAt(T0.plusMillis(250))
                .setGeneratorUrl("http://prometheus:9090/graph?g0.expr=up")
                .setIntegrationId("int-alertmanager")
                .build();
    }

    static ServiceOwnership ownership() {
        return ServiceOwnership.newBuilder()
                .setServiceId("svc-checkout")
                .setName("checkout")
                .setTeamId("team-payments")
                .setTeamName("Payments")
                .setSecondaryTeamIds(List.of("team-sre"))
                .setTier("tier-1")
                .setEscalationPolicyId("ep-payments")
                .setLabelMatchers(List.of(new LabelMatcher("service", MatchOp.REGEX, "checkout.*")))
                .setKubernetes(List.of(new KubernetesSelector("prod-eu", "payments", "checkout")))
                .setRevision(7L)
                .setUpdatedAt(T0)
                .build();
    }

    static RunbookVersion runbook() {
        return RunbookVersion.newBuilder()
                .setRunbookId("rb-restart-checkout")
                .setVersion(3)
                .setContentHash("sha256:abc123")
                .setStatus(RunbookStatus.APPROVED)
                .setTitle("Restart checkout")
                .setOwnerTeamId("team-payments")
                .setAuthoredBy("alice")
                .setApprovedBy("bob")
                .setApprovedAt(T0.minusSeconds(3600))
                .setMode(RunbookMode.AUTOMATIC)
                .setRiskClass(RiskClass.LOW)
                .setSelfService(true)
                .setServiceIds(List.of("svc-checkout"))
                .setAlertMatchers(List.of(new LabelMatcher("alertname", MatchOp.EQUALS, "HighLatency")))
                .setParameterSchema("{\"type\":\"object\"}")
                .setSteps(List.of(new RunbookStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                        Map.of("deployment", "checkout", "namespace", "{{namespace}}"))))
                .setMaxRunsPerHour(2)
                .setCooldownSeconds(900)
                .setTimeoutSeconds(120)
                .setMaxTargets(3)
                .setTriggerAtLevel(2)
                .setPublishedAt(T0)
                .build();
    }

    static RemediationRequest remediationRequest() {
        return RemediationRequest.newBuilder()
                .setRequestId("req-1")
                .setIncidentId("inc-42")
                .setRunbookId("rb-restart-checkout")
                .setRunbookVersion(3)
                .setContentHash("sha256:abc123")
                .setServiceId("svc-checkout")
                .setTeamId("team-payments")
                .setSeverity(Severity.ERROR)
                .setCluster("prod-eu")
                .setNamespace("payments")
                .setParameters(Map.of("namespace", "payments"))
                .setRequestedBy(new Actor(ActorKind.PERSON, "alice"))
                .setReason("latency alert for 10 minutes")
                .setRequestedAt(T0)
                .build();
    }

    static RemediationResult remediationResult() {
        return RemediationResult.newBuilder()
                .setEventId("evt-res-1")
                .setRequestId("req-1")
                .setIncidentId("inc-42")
                .setRunbookId("rb-restart-checkout")
                .setContentHash("sha256:abc123")
                .setOutcome(RemediationOutcome.SUCCEEDED)
                .setReason("rollout finished")
                .setSteps(List.of(new StepResult("restart", true, "3/3 pods ready", T0, T0.plusSeconds(42))))
                .setActor(new Actor(ActorKind.AUTOMATION, "remediation-executor"))
                .setOccurredAt(T0.plusSeconds(43))
                .build();
    }

    static TimelineEvent timeline() {
        return TimelineEvent.newBuilder()
                .setEventId("evt-tl-1")
                .setIncidentId("inc-42")
                .setSequence(2L)
                .setType(TimelineEventType.OWNER_RESOLVED)
                .setOccurredAt(T0)
                .setActor(new Actor(ActorKind.SYSTEM, "alert-router"))
                .setServiceId("svc-checkout")
                .setTeamId("team-payments")
                .setSeverity(Severity.WARNING)
                .setSummary("owned by Payments")
                .setAttributes(Map.of("dedupKey", "fp-9f8e7d"))
                .build();
    }
}
