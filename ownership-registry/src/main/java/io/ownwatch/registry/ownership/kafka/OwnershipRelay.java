package io.ownwatch.registry.ownership.kafka;

import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnershipChange;
import io.ownwatch.registry.ownership.OwnershipOutbox;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the outbox and sends changes through the {@code ownership-out-0} binding (sync, acks=all) to
 * the compacted {@code ownership.v1}, keyed by service id so that one service's changes stay in order
 * on one partition and compaction keeps its latest state; a deletion is a tombstone (null value).
 */
@Component
class OwnershipRelay {

    static final String BINDING = "ownership-out-0";

    private final OwnershipOutbox outbox;
    private final StreamBridge streamBridge;
    private final RelayProperties properties;

    OwnershipRelay(OwnershipOutbox outbox, StreamBridge streamBridge, RelayProperties properties) {
        this.outbox = outbox;
        this.streamBridge = streamBridge;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ownwatch.registry.ownership.relay.poll-delay:200ms}")
    void relay() {
        // Drain a backlog without waiting a poll delay between full batches.
        int published;
        do {
            published = outbox.relay(properties.batchSize(), this::send);
        } while (published == properties.batchSize());
    }

    private void send(OwnershipChange change) {
        Message<?> message = MessageBuilder.withPayload(change.isDeletion() ? KafkaNull.INSTANCE : toEvent(change))
                .setHeader(KafkaHeaders.KEY, change.serviceId())
                .build();
        if (!streamBridge.send(BINDING, message)) {
            throw new IllegalStateException("ownership change of service " + change.serviceId() + " was not sent");
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
