package io.ownwatch.timeline.incident;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the timeline treats missing events.
 *
 * @param gapHold how long a missing sequence number is given to arrive before the incident is reported as having a
 *                gap: events of one incident share a partition and usually come in order, so a short wait covers a
 *                producer's retry without raising alarms
 */
@Validated
@ConfigurationProperties("ownwatch.timeline")
public record TimelineProperties(@NotNull @DefaultValue("30s") Duration gapHold) {
}
