package io.ownwatch.timeline.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents with sequence numbers missing for longer than the hold ({@link TimelineProperties#gapHold()}): a
 * producer lost or has not yet sent an event. They are reported, as a list, a flag on the incident and the gauge
 * {@code ownwatch.timeline.gaps}, and never silently skipped: the entries after a gap are recorded all the same.
 */
@Component
public class TimelineGaps {

    /** The most missing sequence numbers listed for one incident; the count is always complete. */
    static final int LISTED_MISSING = 100;

    /**
     * An incident whose timeline has a gap.
     *
     * @param incidentId       the incident
     * @param since            when the store first saw the gap
     * @param missingCount     how many sequence numbers below the highest one are missing
     * @param missingSequences the first {@value #LISTED_MISSING} of them
     */
    public record Gap(String incidentId, Instant since, long missingCount, List<Long> missingSequences) {

        public Gap {
            missingSequences = List.copyOf(missingSequences);
        }
    }

    private final JdbcClient jdbc;
    private final TimelineProperties properties;
    private final Clock clock;

    TimelineGaps(JdbcClient jdbc, TimelineProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        Gauge.builder("ownwatch.timeline.gaps", this, TimelineGaps::reportedCount)
                .description("Incidents with timeline events missing for longer than the gap hold")
                .register(registry);
    }

    private Timestamp threshold() {
        return Timestamp.from(clock.instant().minus(properties.gapHold()));
    }

    /** Incidents whose gap outlasted the hold, oldest gap first. */
    @Transactional(readOnly = true)
    public List<Gap> reported() {
        return jdbc.sql("""
                        SELECT i.incident_id, i.gap_since, i.last_sequence - i.event_count AS missing_count,
                               ARRAY(SELECT s FROM generate_series(1, i.last_sequence) s
                                     WHERE NOT EXISTS (SELECT 1 FROM timeline_event e
                                                       WHERE e.incident_id = i.incident_id AND e.sequence = s)
                                     ORDER BY s LIMIT :listed) AS missing
                        FROM incident i
                        WHERE i.gap_since IS NOT NULL AND i.gap_since <= :threshold
                        ORDER BY i.gap_since, i.incident_id""")
                .param("threshold", threshold())
                .param("listed", LISTED_MISSING)
                .query((rs, n) -> new Gap(rs.getString("incident_id"), rs.getTimestamp("gap_since").toInstant(),
                        rs.getLong("missing_count"), List.of((Long[]) rs.getArray("missing").getArray())))
                .list();
    }

    /** Whether this incident's gap outlasted the hold. */
    @Transactional(readOnly = true)
    public boolean isReported(String incidentId) {
        return jdbc.sql("SELECT 1 FROM incident WHERE incident_id = :incidentId AND gap_since <= :threshold")
                .param("incidentId", incidentId)
                .param("threshold", threshold())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    private double reportedCount() {
        return jdbc.sql("SELECT count(*) FROM incident WHERE gap_since IS NOT NULL AND gap_since <= :threshold")
                .param("threshold", threshold())
                .query(Long.class)
                .single();
    }
}
