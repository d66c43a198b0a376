package io.ownwatch.router.incident.kafka;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.AlertNotRouted;
import io.ownwatch.router.incident.IncidentRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessagingMessageConverter;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.messaging.Message;

/**
 * The {@code routeAlert} binding: alerts.v1 in, group alert-router, dead letters to alerts.v1.alert-router.dlq. It
 * consumes in batch mode (one poll at a time, {@code max.poll.records} in alert-router.yml), because the router
 * writes a whole batch in one transaction.
 *
 * <p>A batch listener sees every record of the poll, also those that could not be decoded: the shared dead-letter
 * policy ({@code io.ownwatch.edge.deadletter}) acts on the record named by a {@link BatchListenerFailedException}.
 * The records before it are routed and committed, it is retried or dead-lettered as its failure is classified, and
 * the records after it come again with the next poll. So an undecodable record, or one that is not an AlertEvent,
 * goes to the dead-letter topic on its own, as it did when the binding consumed record by record.
 */
@Configuration(proxyBeanMethods = false)
class AlertRoutingBindings {

    /** The bean named by the binding's {@code converter-bean-name}. */
    static final String CONVERTER = "alertRecordsConverter";
    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(AlertRoutingBindings.class));

    /**
     * The binder's batch converter, with the poll's consumer records in the {@link KafkaHeaders#RAW_DATA} header:
     * the listener names a failed record by the record itself, and finds a decoding failure in its headers.
     */
    @Bean(CONVERTER)
    BatchMessagingMessageConverter alertRecordsConverter() {
        BatchMessagingMessageConverter converter = new BatchMessagingMessageConverter();
        converter.setRawRecordHeader(true);
        return converter;
    }

    @Bean
    Consumer<Message<?>> routeAlert(IncidentRouting routing) {
        return message -> {
            List<ConsumerRecord<?, ?>> records = records(message);
            List<Alert> alerts = new ArrayList<>(records.size());
            ConsumerRecord<?, ?> refused = null;
            for (ConsumerRecord<?, ?> record : records) {
                if (!(record.value() instanceof AlertEvent event)) {
                    refused = record;
                    break;
                }
                alerts.add(toAlert(event));
            }
            try {
                routing.routeAll(alerts);
            } catch (AlertNotRouted e) {
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), records.get(e.index()));
            }
            if (refused != null) {
                throw new BatchListenerFailedException("Record refused", refusal(refused), refused);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<ConsumerRecord<?, ?>> records(Message<?> message) {
        if (!(message.getHeaders().get(KafkaHeaders.RAW_DATA) instanceof List<?> raw)) {
            throw new IllegalStateException("The routeAlert binding must consume in batch mode with the converter "
                    + CONVERTER + ", which puts the consumer records in the " + KafkaHeaders.RAW_DATA + " header");
        }
        return (List<ConsumerRecord<?, ?>>) raw;
    }

    /** Why a record is refused: the decoding failure the deserializer left in its headers, or its type. */
    private static RuntimeException refusal(ConsumerRecord<?, ?> record) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return undecodable != null ? undecodable : new UnreadableAlertRecord(record.value());
    }

    static Alert toAlert(AlertEvent event) {
        return new Alert(
                event.getEventId(),
                event.getDedupKey(),
                AlertSource.valueOf(event.getSource().name()),
                AlertStatus.valueOf(event.getStatus().name()),
                Severity.valueOf(event.getSeverity().name()),
                event.getSummary(),
                event.getLabels(),
                event.getAnnotations(),
                event.getStartsAt(),
                event.getEndsAt(),
                event.getReceivedAt(),
                event.getGeneratorUrl());
    }

    /**
     * A record on alerts.v1 that is not an AlertEvent. An IllegalArgumentException because retrying cannot change
     * it: the dead-letter policy sends it to the dead-letter topic on the first attempt.
     */
    static class UnreadableAlertRecord extends IllegalArgumentException {
        UnreadableAlertRecord(Object payload) {
            super("Record on alerts.v1 is not an AlertEvent (payload "
                    + (payload == null ? "null" : payload.getClass().getName()) + ")");
        }
    }
}
