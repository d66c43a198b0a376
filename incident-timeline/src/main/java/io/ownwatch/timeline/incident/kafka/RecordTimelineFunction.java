package io.ownwatch.timeline.incident.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ownwatch.events.TimelineEvent;
import io.ownwatch.timeline.incident.EntryNotRecorded;
import io.ownwatch.timeline.incident.TimelineBatches;
import io.ownwatch.timeline.incident.TimelineEntry;
import io.ownwatch.timeline.incident.TimelineStore;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The {@code recordTimeline-in-0} binding: every event on {@code incident.timeline.v1} goes onto the durable timeline.
 * It consumes in batch mode (one poll at a time, {@code max.poll.records} in incident-timeline.yml), because a burst
 * is recorded a batch per transaction, each touched incident refolded once ({@link TimelineBatches}).
 *
 * <p>A batch listener sees every record of the poll, also those that could not be decoded: the shared dead-letter
 * policy ({@code io.ownwatch.edge.deadletter}) acts on the record named by a {@link BatchListenerFailedException}.
 * The records before it are recorded and committed, it is retried or dead-lettered as its failure is classified (an
 * undecodable record or a {@code SequenceConflict} at once), and the records after it come again with the next poll.
 */
@Configuration(proxyBeanMethods = false)
class RecordTimelineFunction {

    /** The bean named by the binding's {@code converter-bean-name}. */
    static final String CONVERTER = "timelineRecordsConverter";
    private static final Logger log = LoggerFactory.getLogger(RecordTimelineFunction.class);
    private static final LogAccessor LOG = new LogAccessor(LogFactory.getLog(RecordTimelineFunction.class));

    /**
     * The binder's batch converter, with the poll's consumer records in the {@link KafkaHeaders#RAW_DATA} header:
     * the listener names a failed record by the record itself, and finds a decoding failure in its headers.
     */
    @Bean(CONVERTER)
    BatchMessagingMessageConverter timelineRecordsConverter() {
        BatchMessagingMessageConverter converter = new BatchMessagingMessageConverter();
        converter.setRawRecordHeader(true);
        return converter;
    }

    @Bean
    Consumer<Message<?>> recordTimeline(TimelineBatches batches) {
        return message -> {
            List<ConsumerRecord<?, ?>> records = records(message);
            List<TimelineEntry> entries = new ArrayList<>(records.size());
            ConsumerRecord<?, ?> refused = null;
            RuntimeException refusal = null;
            for (ConsumerRecord<?, ?> record : records) {
                try {
                    entries.add(toEntry(record));
                }
                catch (RuntimeException ex) {
                    refused = record;
                    refusal = ex;
                    break;
                }
            }
            if (!entries.isEmpty()) {
                try {
                    List<TimelineStore.Outcome> outcomes = batches.record(entries);
                    long duplicates = outcomes.stream().filter(o -> o == TimelineStore.Outcome.DUPLICATE).count();
                    log.info("Recorded {} timeline events ({} redelivered) from {}-{}@{}", outcomes.size() - duplicates,
                            duplicates, records.get(0).topic(), records.get(0).partition(), records.get(0).offset());
                }
                catch (EntryNotRecorded ex) {
                    throw new BatchListenerFailedException(ex.getMessage(), ex.getCause(), records.get(ex.index()));
                }
            }
            if (refused != null) {
                throw new BatchListenerFailedException("Record refused", refusal, refused);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<ConsumerRecord<?, ?>> records(Message<?> message) {
        if (!(message.getHeaders().get(KafkaHeaders.RAW_DATA) instanceof List<?> raw)) {
            throw new IllegalStateException("The recordTimeline binding must consume in batch mode with the converter "
                    + CONVERTER + ", which puts the consumer records in the " + KafkaHeaders.RAW_DATA + " header");
        }
        return (List<ConsumerRecord<?, ?>>) raw;
    }

    /**
     * The record's entry; a record that is not one (undecodable, another type, an invalid event) fails with why.
     */
    private static TimelineEntry toEntry(ConsumerRecord<?, ?> record) {
        if (record.value() instanceof TimelineEvent event) {
            return TimelineEvents.toEntry(event);
        }
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        throw undecodable != null ? undecodable : new UnreadableTimelineRecord(record.value());
    }

    /**
     * A record on incident.timeline.v1 that is not a TimelineEvent. An IllegalArgumentException because retrying
     * cannot change it: the dead-letter policy sends it to the dead-letter topic on the first attempt.
     */
    static class UnreadableTimelineRecord extends IllegalArgumentException {
        UnreadableTimelineRecord(Object payload) {
            super("Record on incident.timeline.v1 is not a TimelineEvent (payload "
                    + (payload == null ? "null" : payload.getClass().getName()) + ")");
        }
    }
}
