package io.ownwatch.edge.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;

/**
 * Retries and dead-letters in the listener container, for every consumer binding, instead of in the binder.
 *
 * <p>Why the container: with {@code ErrorHandlingDeserializer} a record that cannot be decoded is rejected by the
 * container before the binder's retry and DLQ ever see it. Handling every failure here sends undecodable records
 * (their original bytes) and refused events (written again as Avro, see {@link DeadLetterValueSerializer}) to the
 * binding's {@code dlq-name}, with spring-kafka's {@code kafka_dlt-*} headers plus the binder's {@code x-original-*}
 * and {@code x-exception-*} ones, the latter naming the root cause, which is what an operator reading the topic
 * needs. How long a failure is retried depends on its {@link FailureClass}, see {@link ClassifiedBackOff}.
 */
final class DeadLetterPublishing implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    /** The binder's header names (KafkaMessageChannelBinder.X_*), kept so tools written for its DLQ keep working. */
    static final String X_ORIGINAL_TOPIC = "x-original-topic";
    static final String X_ORIGINAL_PARTITION = "x-original-partition";
    static final String X_ORIGINAL_OFFSET = "x-original-offset";
    static final String X_EXCEPTION_FQCN = "x-exception-fqcn";
    static final String X_EXCEPTION_MESSAGE = "x-exception-message";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

    private final FailureClassifier classifier;
    private final BackOff transientBackOff;
    private final DeadLetterCounter counter;
    private final DefaultKafkaProducerFactory<String, Object> producers;
    private final KafkaTemplate<String, Object> template;

    DeadLetterPublishing(DeadLetterProperties properties, Map<String, Object> producerConfig, DeadLetterCounter counter) {
        this.classifier = FailureClassifier.withBuiltIns(properties.permanentExceptions(), properties.transientExceptions());
        this.transientBackOff = ClassifiedBackOff.unlimited(properties.transientInitialInterval().toMillis(),
                properties.transientMaxInterval().toMillis());
        this.counter = counter;
        this.producers = new DefaultKafkaProducerFactory<>(producerConfig, new StringSerializer(),
                new DeadLetterValueSerializer());
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        if (backOff == null) {
            // With max-attempts 1 the binder routes listener failures to its own error channel and DLQ before this
            // container's error handler sees them: a database outage would dead-letter (or drop) every record.
            throw new IllegalStateException("Binding of " + destinationName + " (group " + group + ") has max-attempts 1;"
                    + " Ownwatch's dead-letter policy needs at least 2 (the retries of unclassified failures)");
        }
        ClassifiedBackOff classifiedBackOff = new ClassifiedBackOff(backOff, transientBackOff);
        DefaultErrorHandler handler;
        if (dlqDestinationResolver == null) {
            log.warn("Binding of {} (group {}) has no dead-letter topic: records that fail for good are logged and skipped",
                    destinationName, group);
            handler = new DefaultErrorHandler(classifiedBackOff);
        } else {
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, dlqDestinationResolver);
            recoverer.setHeadersFunction(DeadLetterPublishing::binderHeaders);
            handler = new DefaultErrorHandler(recoverer, classifiedBackOff);
        }
        // Every failure is "retryable" to spring-kafka, whose own classification would dead-letter a record the
        // registry could not decode while it was down; the classified back-off decides instead, per attempt.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new Reporting(classifiedBackOff, dlqDestinationResolver));
        container.setCommonErrorHandler(handler);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    /** The binder's DLQ headers, with the root cause rather than the outermost wrapper ("Listener failed"). */
    static Headers binderHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
        Headers headers = new RecordHeaders();
        headers.add(X_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(X_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(X_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(X_EXCEPTION_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        if (cause.getMessage() != null) {
            headers.add(X_EXCEPTION_MESSAGE, cause.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** Classifies each failure for the back-off, and logs and counts what ends on the dead-letter topic. */
    private final class Reporting implements RetryListener {

        private final ClassifiedBackOff backOff;
        private final BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver;

        Reporting(ClassifiedBackOff backOff, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver) {
            this.backOff = backOff;
            this.dlqDestinationResolver = dlqDestinationResolver;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            FailureClass failure = classifier.classify(ex);
            backOff.failed(failure);
            if (failure == FailureClass.TRANSIENT) {
                log.warn("{}-{}@{} failed on attempt {} because something it needs is away; retrying until it is back: {}",
                        record.topic(), record.partition(), record.offset(), deliveryAttempt, describe(ex));
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
            backOff.clear();
            if (dlqDestinationResolver == null) {
                return;
            }
            String deadLetterTopic = dlqDestinationResolver.apply(record, ex).topic();
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
            // Never the payload: it may be anything, and it is on the dead-letter topic for whoever needs it.
            log.warn("Dead-lettered {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), deadLetterTopic, describe(ex));
            counter.count(record.topic(), deadLetterTopic, cause.getClass().getSimpleName());
        }

        @Override
        public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
            // The record stays where it is and is retried from the start of its back-off.
            backOff.clear();
            log.warn("Could not dead-letter {}-{}@{}; it will be retried: {}", record.topic(), record.partition(),
                    record.offset(), describe(failure));
        }

        private String describe(Exception ex) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
            return classifier.classify(ex) + " " + cause.getClass().getName() + ": " + cause.getMessage();
        }
    }
}
