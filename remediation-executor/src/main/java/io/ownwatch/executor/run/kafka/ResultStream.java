package io.ownwatch.executor.run.kafka;

import io.ownwatch.edge.outbox.BindingStream;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.RemediationOutcome;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.StepResult;
import io.ownwatch.executor.run.ResultMessage;
import io.ownwatch.executor.run.RunResults;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's results through the {@code results-out-0} binding (sync, acks=all) to
 * {@code remediation.results.v1}, keyed by incident id.
 */
@Component
class ResultStream extends BindingStream {

    static final String BINDING = "results-out-0";

    ResultStream(StreamBridge streamBridge) {
        super(streamBridge, RunResults.STREAM, BINDING);
    }

    @Override
    protected Object value(String incidentId, @Nullable String payload) {
        return toEvent(RunResults.read(Objects.requireNonNull(payload, "a result is never a tombstone")));
    }

    static RemediationResult toEvent(ResultMessage message) {
        return RemediationResult.newBuilder()
                .setEventId(message.eventId())
                .setRequestId(message.requestId())
                .setIncidentId(message.incidentId())
                .setRunbookId(message.runbookId())
                .setContentHash(message.contentHash())
                .setOutcome(RemediationOutcome.valueOf(message.outcome()))
                .setReason(message.reason())
                .setSteps(message.steps().stream().map(step -> StepResult.newBuilder()
                        .setName(step.name())
                        .setSucceeded(step.succeeded())
                        .setDetail(step.detail())
                        .setStartedAt(step.startedAt())
                        .setFinishedAt(step.finishedAt())
                        .build()).toList())
                .setActor(Actor.newBuilder().setKind(ActorKind.valueOf(message.actorKind())).setId(message.actorId()).build())
                .setOccurredAt(message.occurredAt())
                .build();
    }
}
