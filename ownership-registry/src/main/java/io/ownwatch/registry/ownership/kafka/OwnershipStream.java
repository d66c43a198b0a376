package io.ownwatch.registry.ownership.kafka;

import io.ownwatch.edge.outbox.OutboxStream;
import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnershipChange;
import io.ownwatch.registry.ownership.OwnershipOutbox;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's ownership changes through the {@code ownership-out-0} binding (sync, acks=all) to the
 * compacted {@code ownership.v1}, keyed by service id so that one service's changes stay in order on one partition
 * and compaction keeps its latest state; a deletion is a tombstone (null value).
 */
@Component
class OwnershipStream implements OutboxStream {

    static final String BINDING = "ownership-out-0";

    private final StreamBridge streamBridge;

    OwnershipStream(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    @Override
    public String name() {
        return OwnershipOutbox.STREAM;
    }

    @Override
    public void publish(String serviceId, @Nullable String payload) {
        Object value = payload == null ? KafkaNull.INSTANCE : toEvent(OwnershipOutbox.read(payload));
        Message<?> message = MessageBuilder.withPayload(value).setHeader(KafkaHeaders.KEY, serviceId).build();
        if (!streamBridge.send(BINDING, message)) {
            throw new IllegalStateException("ownership change of service " + serviceId + " was not sent");
        }
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
