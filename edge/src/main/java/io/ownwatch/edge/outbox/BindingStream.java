package io.ownwatch.edge.outbox;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * An outbox stream published through a Spring Cloud Stream output binding, keyed by the outbox key. The binding's
 * producer must be synchronous ({@code sync: true}, {@code acks=all}), so that a send that returns is one the broker
 * acknowledged; a send that fails throws, and the relay retries the same message on its next poll.
 */
public abstract class BindingStream implements OutboxStream {

    private final StreamBridge streamBridge;
    private final String name;
    private final String binding;

    /**
     * @param name the outbox stream this publishes ({@link Outbox#append}'s first argument)
     * @param binding the output binding, e.g. {@code ownership-out-0}
     */
    protected BindingStream(StreamBridge streamBridge, String name, String binding) {
        this.streamBridge = streamBridge;
        this.name = name;
        this.binding = binding;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The record value (an Avro record) for an appended payload, or {@code null} for a tombstone. */
    protected abstract @Nullable Object value(String key, @Nullable String payload);

    @Override
    public final void publish(String key, @Nullable String payload) {
        Object value = value(key, payload);
        Message<?> message = MessageBuilder.withPayload(value == null ? KafkaNull.INSTANCE : value)
                .setHeader(KafkaHeaders.KEY, key)
                .build();
        if (!streamBridge.send(binding, message)) {
            throw new IllegalStateException("The " + name + " message of " + key + " was not sent through " + binding);
        }
    }
}
