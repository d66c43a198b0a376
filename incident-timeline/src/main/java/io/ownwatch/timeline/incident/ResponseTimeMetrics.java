package io.ownwatch.timeline.incident;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The MTTA and MTTR histograms ({@code ownwatch.incident.mtta}, {@code ownwatch.incident.mttr}), tagged by
 * team and severity. Each incident is recorded once, when its projection first gets a person's
 * acknowledgement or its first resolution; never for a redelivery or a rebuild, which would count the
 * same incident again.
 */
@Component
class ResponseTimeMetrics {

    private final MeterRegistry registry;

    ResponseTimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void acknowledged(Incident incident) {
        record("ownwatch.incident.mtta", "Time from the first alert received to the first acknowledgement by a person",
                incident, Duration.between(incident.response().firstAlertAt(), incident.response().firstPersonAckAt()));
    }

    void resolved(Incident incident) {
        record("ownwatch.incident.mttr", "Time from the first alert received to the first resolution",
                incident, Duration.between(incident.response().firstAlertAt(), incident.response().firstResolvedAt()));
    }

    private void record(String name, String description, Incident incident, Duration duration) {
        Timer.builder(name)
                .description(description)
                .tag("team", incident.teamId() == null ? "unknown" : incident.teamId())
                .tag("severity", incident.severity().name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry)
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }
}
