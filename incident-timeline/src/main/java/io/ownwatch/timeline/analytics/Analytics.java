package io.ownwatch.timeline.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.incident.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The analytics queries over the incident projection ({@code incident}) and, for pages, the timeline. Every query
 * selects a range of {@code first_alert_at} (or, for pages, of the page's own time) so that the indexes of
 * migration V2 apply.
 */
@Repository
public class Analytics {

    /** The statistics of {@link ResponseStats}, as one aggregate usable with any grouping. */
    private static final String STATS = """
            count(*) AS incidents,
            count(first_person_ack_at) AS acknowledged,
            count(resolved_at) AS resolved,
            avg(extract(epoch FROM first_person_ack_at - first_alert_at))::double precision AS mtta_mean,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_person_ack_at - first_alert_at)::double precision) AS mtta_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_person_ack_at - first_alert_at)::double precision) AS mtta_p90,
            avg(extract(epoch FROM resolved_at - first_alert_at))::double precision AS mttr_mean,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - first_alert_at)::double precision) AS mttr_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - first_alert_at)::double precision) AS mttr_p90,
            count(*) FILTER (WHERE escalation_count > 0) AS escalated,
            count(*) FILTER (WHERE resolved_by_automation) AS automated
            """;

    /** A trend bucket: when it starts (in the asked zone) and its statistics. */
    public record BucketStats(Instant start, ResponseStats stats) {
    }

    /** One team's statistics; {@code teamId} is null for incidents no team owns. */
    public record TeamStats(String teamId, ResponseStats stats) {
    }

    /** Pages (NOTIFIED entries) of one team, split by business hours (Monday to Friday, 09:00 to 17:00). */
    public record TeamPages(String teamId, long pages, long businessHours, long offHours) {
    }

    /** One open incident, for the dashboard. */
    public record OpenIncident(String incidentId, String teamId, String serviceId, Severity severity, String summary,
            String status, Instant openedAt) {
    }

    private final JdbcClient jdbc;

    Analytics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ResponseStats summary(AnalyticsFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT " + STATS + " FROM incident" + where.sql())
                .params(where.params())
                .query((rs, n) -> stats(rs))
                .single();
    }

    /** Buckets with incidents, oldest first; a bucket without incidents is left out. */
    @Transactional(readOnly = true)
    public List<BucketStats> trend(AnalyticsFilter filter, Bucket bucket, ZoneId zone) {
        Where where = where(filter);
        return jdbc.sql("SELECT date_trunc(:unit, first_alert_at AT TIME ZONE :zone) AT TIME ZONE :zone AS bucket_start, "
                        + STATS + " FROM incident" + where.sql() + " GROUP BY 1 ORDER BY 1")
                .params(where.params())
                .param("unit", bucket.unit())
                .param("zone", Zones.sqlName(zone))
                .query((rs, n) -> new BucketStats(rs.getTimestamp("bucket_start").toInstant(), stats(rs)))
                .list();
    }

    /** Per owning team, the busiest first. */
    @Transactional(readOnly = true)
    public List<TeamStats> teams(AnalyticsFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT team_id, " + STATS + " FROM incident" + where.sql()
                        + " GROUP BY team_id ORDER BY incidents DESC, team_id NULLS LAST")
                .params(where.params())
                .query((rs, n) -> new TeamStats(rs.getString("team_id"), stats(rs)))
                .list();
    }

    /**
     * Pages sent in {@code [from, to)} per team (the team on the page's entry, else the incident's), the most paged
     * first. Business hours are Monday to Friday from 09:00 (included) to 17:00 (excluded) on the wall clock of the
     * zone; everything else is off hours. Service and severity narrow by the incident's.
     */
    @Transactional(readOnly = true)
    public List<TeamPages> pages(AnalyticsFilter filter, ZoneId zone) {
        List<String> conditions = new ArrayList<>(List.of("e.type = 'NOTIFIED'", "e.occurred_at >= :from",
                "e.occurred_at < :to"));
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(filter.from()));
        params.put("to", Timestamp.from(filter.to()));
        if (filter.teamId() != null) {
            conditions.add("coalesce(e.team_id, i.team_id) = :teamId");
            params.put("teamId", filter.teamId());
        }
        if (filter.serviceId() != null) {
            conditions.add("i.service_id = :serviceId");
            params.put("serviceId", filter.serviceId());
        }
        if (filter.severity() != null) {
            conditions.add("i.severity = :severity");
            params.put("severity", filter.severity().name());
        }
        return jdbc.sql("""
                        SELECT coalesce(e.team_id, i.team_id) AS team_id, count(*) AS pages,
                               count(*) FILTER (WHERE extract(isodow FROM e.occurred_at AT TIME ZONE :zone) <= 5
                                                  AND (e.occurred_at AT TIME ZONE :zone)::time >= time '09:00'
                                                  AND (e.occurred_at AT TIME ZONE :zone)::time < time '17:00') AS business
                        FROM timeline_event e LEFT JOIN incident i ON i.incident_id = e.incident_id
                        WHERE""" + " " + String.join(" AND ", conditions) + " GROUP BY 1 ORDER BY pages DESC, team_id NULLS LAST")
                .params(params)
                .param("zone", Zones.sqlName(zone))
                .query((rs, n) -> new TeamPages(rs.getString("team_id"), rs.getLong("pages"), rs.getLong("business"),
                        rs.getLong("pages") - rs.getLong("business")))
                .list();
    }

    /**
     * Time saved by automation over the filtered incidents; the comparable person-handled incidents (acknowledged
     * by a person and resolved) are those of the same time range, whatever the team, service and severity filters.
     */
    @Transactional(readOnly = true)
    public TimeSaved.Result timeSaved(AnalyticsFilter filter) {
        Where where = where(filter);
        List<TimeSaved.AutomatedGroup> automated = jdbc.sql("SELECT service_id, severity, count(*) AS incidents FROM incident"
                        + where.sql() + " AND resolved_by_automation GROUP BY service_id, severity ORDER BY service_id, severity")
                .params(where.params())
                .query((rs, n) -> new TimeSaved.AutomatedGroup(rs.getString("service_id"),
                        Severity.fromName(rs.getString("severity")), rs.getLong("incidents")))
                .list();
        Map<TimeSaved.ServiceSeverity, Double> byServiceSeverity = new HashMap<>();
        Map<Severity, Double> bySeverity = new HashMap<>();
        jdbc.sql("""
                        SELECT service_id, severity, GROUPING(service_id) AS all_services,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - first_alert_at)::double precision) AS median
                        FROM incident
                        WHERE first_alert_at >= :from AND first_alert_at < :to
                          AND first_person_ack_at IS NOT NULL AND resolved_at IS NOT NULL
                        GROUP BY GROUPING SETS ((service_id, severity), (severity))""")
                .param("from", Timestamp.from(filter.from()))
                .param("to", Timestamp.from(filter.to()))
                .query((ResultSet rs) -> {
                    Severity severity = Severity.fromName(rs.getString("severity"));
                    if (rs.getInt("all_services") == 1) {
                        bySeverity.put(severity, rs.getDouble("median"));
                    }
                    else if (rs.getString("service_id") != null) {
                        byServiceSeverity.put(new TimeSaved.ServiceSeverity(rs.getString("service_id"), severity),
                                rs.getDouble("median"));
                    }
                });
        return TimeSaved.compute(automated, byServiceSeverity, bySeverity);
    }

    /** Incidents not resolved now, the most recently opened first. */
    @Transactional(readOnly = true)
    public List<OpenIncident> open(int limit) {
        return jdbc.sql("""
                        SELECT incident_id, team_id, service_id, severity, summary, status, opened_at FROM incident
                        WHERE status <> 'RESOLVED' ORDER BY opened_at DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new OpenIncident(rs.getString("incident_id"), rs.getString("team_id"),
                        rs.getString("service_id"), Severity.fromName(rs.getString("severity")), rs.getString("summary"),
                        rs.getString("status"), rs.getTimestamp("opened_at").toInstant()))
                .list();
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(AnalyticsFilter filter) {
        List<String> conditions = new ArrayList<>(List.of("first_alert_at >= :from", "first_alert_at < :to"));
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(filter.from()));
        params.put("to", Timestamp.from(filter.to()));
        if (filter.teamId() != null) {
            conditions.add("team_id = :teamId");
            params.put("teamId", filter.teamId());
        }
        if (filter.serviceId() != null) {
            conditions.add("service_id = :serviceId");
            params.put("serviceId", filter.serviceId());
        }
        if (filter.severity() != null) {
            conditions.add("severity = :severity");
            params.put("severity", filter.severity().name());
        }
        return new Where(" WHERE " + String.join(" AND ", conditions), params);
    }

    private static ResponseStats stats(ResultSet rs) throws SQLException {
        long incidents = rs.getLong("incidents");
        long acknowledged = rs.getLong("acknowledged");
        long resolved = rs.getLong("resolved");
        long escalated = rs.getLong("escalated");
        long automated = rs.getLong("automated");
        return new ResponseStats(incidents, acknowledged, incidents - acknowledged, resolved,
                new ResponseStats.Durations(number(rs, "mtta_mean"), number(rs, "mtta_median"), number(rs, "mtta_p90")),
                new ResponseStats.Durations(number(rs, "mttr_mean"), number(rs, "mttr_median"), number(rs, "mttr_p90")),
                escalated, ResponseStats.ratio(escalated, incidents), automated, ResponseStats.ratio(automated, resolved));
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
