package io.ownwatch.registry.runbook.kafka;

import io.ownwatch.edge.outbox.BindingStream;
import io.ownwatch.events.ActionType;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.RiskClass;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookStep;
import io.ownwatch.registry.runbook.ParameterSchema;
import io.ownwatch.registry.runbook.RunbookChange;
import io.ownwatch.registry.runbook.RunbookContent;
import io.ownwatch.registry.runbook.RunbookOutbox;
import io.ownwatch.registry.runbook.RunbookVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's runbook approvals and retirements through the {@code runbooks-out-0} binding (sync,
 * acks=all) to the compacted {@code runbooks.v1}, keyed by runbook id so that one runbook's changes stay in order
 * and compaction keeps its latest state. Runbooks are retired, never deleted once published: no tombstones.
 */
@Component
class RunbookStream extends BindingStream {

    static final String BINDING = "runbooks-out-0";

    RunbookStream(StreamBridge streamBridge) {
        super(streamBridge, RunbookOutbox.STREAM, BINDING);
    }

    @Override
    protected Object value(String runbookId, @Nullable String payload) {
        if (payload == null) {
            throw new IllegalStateException("runbook " + runbookId + ": the runbooks stream never appends tombstones");
        }
        return toEvent(RunbookOutbox.read(payload));
    }

    static io.ownwatch.events.RunbookVersion toEvent(RunbookChange change) {
        RunbookVersion version = change.version();
        RunbookContent content = version.content();
        return io.ownwatch.events.RunbookVersion.newBuilder()
                .setRunbookId(version.runbookId())
                .setVersion(version.version())
                .setContentHash(version.contentHash())
                .setStatus(RunbookStatus.valueOf(version.status().name()))
                .setTitle(content.title())
                .setOwnerTeamId(version.teamId())
                .setAuthoredBy(version.authoredBy())
                .setApprovedBy(version.approvedBy())
                .setApprovedAt(version.approvedAt())
                .setMode(RunbookMode.valueOf(content.mode().name()))
                .setRiskClass(RiskClass.valueOf(content.riskClass().name()))
                .setSelfService(content.selfService())
                .setServiceIds(content.serviceIds())
                .setAlertMatchers(content.alertMatchers().stream()
                        .map(m -> LabelMatcher.newBuilder()
                                .setLabel(m.label())
                                .setOp(MatchOp.valueOf(m.op().name()))
                                .setValue(m.value())
                                .build())
                        .toList())
                .setParameterSchema(ParameterSchema.of(content.parameters()))
                .setSteps(content.steps().stream()
                        .map(s -> RunbookStep.newBuilder()
                                .setName(s.name())
                                .setAction(ActionType.valueOf(s.action().name()))
                                .setSettings(new java.util.LinkedHashMap<>(s.settings()))
                                .build())
                        .toList())
                .setMaxRunsPerHour(content.maxRunsPerHour())
                .setCooldownSeconds(content.cooldownSeconds())
                .setTimeoutSeconds(content.timeoutSeconds())
                .setMaxTargets(content.maxTargets())
                .setHostAllowlist(content.hostAllowlist())
                .setShadow(content.shadow())
                .setGracePeriodSeconds(content.gracePeriodSeconds())
                .setVerificationSeconds(content.verificationSeconds())
                .setTriggerAtLevel(content.triggerAtLevel())
                .setPublishedAt(change.publishedAt())
                .build();
    }
}
