package io.ownwatch.timeline.incident.kafka;

import java.util.function.Consumer;

import io.ownwatch.events.TimelineEvent;
import io.ownwatch.timeline.incident.TimelineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code recordTimeline-in-0} binding: every event on {@code incident.timeline.v1} goes onto the durable timeline. */
@Configuration(proxyBeanMethods = false)
class RecordTimelineFunction {

    private static final Logger log = LoggerFactory.getLogger(RecordTimelineFunction.class);

    @Bean
    Consumer<TimelineEvent> recordTimeline(TimelineStore store) {
        return event -> {
            // Every log line about an incident carries its id.
            try (var ignored = MDC.putCloseable("incidentId", event.getIncidentId())) {
                var outcome = store.record(TimelineEvents.toEntry(event));
                log.info("Timeline event {} #{} {}: {}", event.getEventId(), event.getSequence(), event.getType(), outcome);
            }
        };
    }
}
