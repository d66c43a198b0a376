package io.ownwatch.registry.ownership.kafka;

import io.ownwatch.edge.outbox.BindingStream;
import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnershipChange;
import io.ownwatch.registry.ownership.OwnershipOutbox;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's ownership changes through the {@code ownership-out-0} binding (sync, acks=all) to the
 * compacted {@code ownership.v1}, keyed by service id so that one service's changes stay in order on one partition
 * and compaction keeps its latest state; a deletion is a tombstone (null value).
 */
@Component
class OwnershipStream extends BindingStream {

    static final String BINDING = "ownership-out-0";

    OwnershipStream(StreamBridge streamBridge) {
        super(streamBridge, OwnershipOutbox.STREAM, BINDING);
    }

    @Override
    protected @Nullable Object value(String serviceId, @Nullable String payload) {
        return payload == null ? null : toEvent(OwnershipOutbox.read(payload));
    }

    static ServiceOwnership toEvent(OwnershipChange change) {
        OwnedService service = change.service();
        return ServiceOwnership.newBuilder()
                .setServiceId(service.id())
                .setName(service.name())
                .setTeamId(service.teamId())
                .setTeamName(change.teamName() == null ? service.teamId() : change.teamName())
                .setSecondaryTeamIds(service.secondaryTeamIds())
                .setTier(service.tier())
                .setEscalationPolicyId(service.escalationPolicyId())
                .setLabelMatchers(service.labelMatchers().stream()
                        .map(m -> LabelMatcher.newBuilder()
                                .setLabel(m.label())
                                .setOp(MatchOp.valueOf(m.op().name()))
                                .setValue(m.value())
                                .build())
                        .toList())
                .setKubernetes(service.kubernetes().stream()
                        .map(k -> KubernetesSelector.newBuilder()
                                .setCluster(k.cluster())
                                .setNamespace(k.namespace())
                                .setWorkload(k.workload())
                                .build())
                        .toList())
                .setRevision(change.revision())
                .setUpdatedAt(change.changedAt())
                .build();
    }
}
