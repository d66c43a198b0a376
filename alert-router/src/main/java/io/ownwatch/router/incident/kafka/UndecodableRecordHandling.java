package io.ownwatch.router.incident.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Dead-letters records on alerts.v1 that cannot be decoded. spring-kafka's listener container
 * spots an ErrorHandlingDeserializer failure before the binder's retry and DLQ ever see the record,
 * and hands it to the container's error handler: this one (named by the binding's
 * {@code common-error-handler-bean-name}) publishes the original bytes at once, with the same
 * {@code x-exception-*} / {@code x-original-*} headers the binder writes for processing failures.
 */
@Configuration(proxyBeanMethods = false)
class UndecodableRecordHandling {

    @Bean
    CommonErrorHandler undecodableAlertHandler(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.kafka.bindings.routeAlert-in-0.consumer.dlq-name}") String deadLetterTopic) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer()));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        recoverer.setHeadersFunction((record, exception) -> binderStyleHeaders(record.topic(), record.partition(),
                record.offset(), exception));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0));
        // Undecodable now means undecodable forever: never retry it.
        handler.addNotRetryableExceptions(DeserializationException.class);
        return handler;
    }

    private static Headers binderStyleHeaders(String topic, int partition, long offset, Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof DeserializationException)) {
            cause = cause.getCause();
        }
        // The delegate's message says what is wrong with the bytes; the wrapper's only "failed to deserialize".
        Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-original-topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        headers.add("x-exception-fqcn", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("x-exception-message", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
