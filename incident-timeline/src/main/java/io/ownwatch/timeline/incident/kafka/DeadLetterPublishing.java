package io.ownwatch.timeline.incident.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import io.ownwatch.timeline.incident.SequenceConflict;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead-letters in the listener container rather than in the binder.
 *
 * <p>Why: with {@code ErrorHandlingDeserializer} a record that cannot be decoded is rejected by the
 * container before the binder's retry and DLQ see it, and the binder's DLQ would log and skip it.
 * Handling both kinds of failure here sends undecodable records (their original bytes) and refused
 * events (re-encoded as Avro) to the binding's {@code dlqName}, with spring-kafka's
 * {@code kafka_dlt-exception-*} and {@code kafka_dlt-original-*} headers plus the binder's
 * {@code x-exception-fqcn} and {@code x-exception-message} naming the root cause. Failures that
 * retrying cannot fix go there on the first attempt.
 */
@Component
class DeadLetterPublishing implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    /** The binder's header names (KafkaMessageChannelBinder.X_EXCEPTION_*), kept so DLQ tooling works unchanged. */
    static final String X_EXCEPTION_FQCN = "x-exception-fqcn";
    static final String X_EXCEPTION_MESSAGE = "x-exception-message";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

    private final DefaultKafkaProducerFactory<String, Object> producers;
    private final KafkaTemplate<String, Object> template;

    DeadLetterPublishing(DeadLetterProperties properties) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                "schema.registry.url", properties.schemaRegistryUrl());
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new KafkaAvroSerializer());
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                new DelegatingByTypeSerializer(byType, true));
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, dlqDestinationResolver);
        recoverer.setHeadersFunction(DeadLetterPublishing::reasonHeaders);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff != null ? backOff : new FixedBackOff(0, 0));
        // A conflicting event stays conflicting however often it is retried.
        handler.addNotRetryableExceptions(SequenceConflict.class, IllegalArgumentException.class, NullPointerException.class);
        container.setCommonErrorHandler(handler);
    }

    /**
     * spring-kafka's {@code kafka_dlt-exception-message} holds the outermost wrapper ("Listener failed...");
     * the binder's {@code x-exception-*} headers carry the root cause instead, which is what an operator
     * reading the dead-letter topic needs, and what tools written for the binder's DLQ look for.
     */
    static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
        log.warn("Dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), cause.toString());
        Headers headers = new RecordHeaders();
        headers.add(X_EXCEPTION_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(X_EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
