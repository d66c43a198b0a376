package io.ownwatch.router.incident.jdbc;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.AlertHistory;
import io.ownwatch.router.incident.HeldAlert;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentAlert;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.incident.Situation;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcIncidents implements Incidents {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    /** Namespaces of the transaction-scoped advisory locks, so a dedup key and a group key never share a lock. */
    private static final int ALERT_LOCK = 0x616c7274;
    private static final int GROUP_LOCK = 0x67727570;

    private final JdbcClient jdbc;
    /** For JDBC batches (one round trip for many rows), which JdbcClient does not offer. */
    private final NamedParameterJdbcTemplate batches;

    JdbcIncidents(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    @Override
    public Optional<Incident> findById(UUID id) {
        return jdbc.sql("select * from incident where id = :id").param("id", id).query(JdbcIncidents::incident).optional();
    }

    @Override
    public Optional<Incident> findByIdForUpdate(UUID id) {
        return jdbc.sql("select * from incident where id = :id for update").param("id", id)
                .query(JdbcIncidents::incident).optional();
    }

    @Override
    public Optional<Incident> takeSequence(UUID id, int count) {
        return jdbc.sql("update incident set next_sequence = next_sequence + :count where id = :id returning *")
                .param("id", id)
                .param("count", count)
                .query(JdbcIncidents::incident)
                .optional()
                .map(advanced -> advanced.sequenced(-count));
    }

    @Override
    public List<Incident> findByDedupKey(String dedupKey) {
        return jdbc.sql("""
                select i.* from incident i
                where i.dedup_key = :dedupKey
                   or exists (select 1 from incident_alert a where a.incident_id = i.id and a.dedup_key = :dedupKey)
                order by i.opened_at desc, i.id
                """)
                .param("dedupKey", dedupKey)
                .query(JdbcIncidents::incident)
                .list();
    }

    @Override
    public Optional<Situation.Held> findHolding(String dedupKey) {
        return jdbc.sql("""
                select i.* from incident i join incident_alert a on a.incident_id = i.id
                where a.dedup_key = :dedupKey and a.held
                """)
                .param("dedupKey", dedupKey)
                .query(JdbcIncidents::incident)
                .optional()
                .map(incident -> new Situation.Held(incident, alertsOf(incident.id())));
    }

    @Override
    public Map<String, HeldAlert> findHeldAlerts(Collection<String> dedupKeys) {
        if (dedupKeys.isEmpty()) {
            return Map.of();
        }
        // Positional parameters: the named-parameter support would expand the array into a list of parameters.
        // The alert's columns under names of their own: incident and incident_alert share several.
        Map<UUID, Incident> incidents = new HashMap<>();
        Map<String, HeldAlert> byKey = new HashMap<>();
        jdbc.sql("""
                select i.*, a.incident_id as a_incident_id, a.dedup_key as a_dedup_key, a.status as a_status,
                       a.severity as a_severity, a.summary as a_summary, a.labels as a_labels,
                       a.first_seen_at as a_first_seen_at, a.last_seen_at as a_last_seen_at,
                       a.alert_count as a_alert_count
                from incident_alert a join incident i on i.id = a.incident_id
                where a.held and a.dedup_key = any (cast(? as text[])) and i.status <> 'RESOLVED'
                """)
                .param(new LinkedHashSet<>(dedupKeys).toArray(String[]::new))
                .query((rs, row) -> {
                    // Keys held by one incident share its record.
                    Incident incident = incidents.get(rs.getObject("id", UUID.class));
                    if (incident == null) {
                        incident = incident(rs, row);
                        incidents.put(incident.id(), incident);
                    }
                    return new HeldAlert(incident, alert(rs, "a_"));
                })
                .list()
                .forEach(held -> byKey.put(held.alert().dedupKey(), held));
        return byKey;
    }

    @Override
    public Set<String> heldAmong(Collection<String> dedupKeys) {
        if (dedupKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select dedup_key from incident_alert where held and dedup_key = any (cast(? as text[]))")
                .param(dedupKeys.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Override
    public Optional<Incident> findGroupCandidate(String groupKey) {
        return jdbc.sql("""
                select * from incident where group_key = :groupKey and status <> 'RESOLVED'
                order by last_seen_at desc limit 1
                """)
                .param("groupKey", groupKey)
                .query(JdbcIncidents::incident)
                .optional();
    }

    @Override
    public List<IncidentAlert> alertsOf(UUID incidentId) {
        return jdbc.sql("select * from incident_alert where incident_id = :id order by first_seen_at, dedup_key")
                .param("id", incidentId)
                .query(JdbcIncidents::alert)
                .list();
    }

    @Override
    public List<IncidentAlert> heldAlertsOfService(String service) {
        return jdbc.sql("""
                select * from incident_alert
                where held and labels ->> 'service' = :service and severity = 'CRITICAL' and status = 'FIRING'
                """)
                .param("service", service)
                .query(JdbcIncidents::alert)
                .list();
    }

    @Override
    public Set<String> openGroupKeysAmong(Collection<String> groupKeys) {
        if (groupKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                select distinct group_key from incident where status <> 'RESOLVED' and group_key = any (cast(? as text[]))
                """)
                .param(groupKeys.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Override
    public List<Incident> flappingOpen() {
        return jdbc.sql("select * from incident where flapping and status <> 'RESOLVED' order by opened_at")
                .query(JdbcIncidents::incident)
                .list();
    }

    @Override
    public IncidentPage search(IncidentQuery query) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.status() != null) {
            where.append(" and status = :status");
            params.put("status", query.status().name());
        }
        if (query.teamId() != null) {
            where.append(" and team_id = :teamId");
            params.put("teamId", query.teamId());
        }
        if (query.serviceId() != null) {
            where.append(" and service_id = :serviceId");
            params.put("serviceId", query.serviceId());
        }
        if (query.severity() != null) {
            where.append(" and severity = :severity");
            params.put("severity", query.severity().name());
        }
        if (query.from() != null) {
            where.append(" and opened_at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" and opened_at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        long total = jdbc.sql("select count(*) from incident" + where).params(params).query(Long.class).single();
        List<Incident> items = jdbc.sql("select * from incident" + where
                        + " order by opened_at desc, id limit :limit offset :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(JdbcIncidents::incident)
                .list();
        return new IncidentPage(items, query.page(), query.size(), total);
    }

    @Override
    public AlertHistory history(String dedupKey) {
        return jdbc.sql("select * from alert_state where dedup_key = :dedupKey")
                .param("dedupKey", dedupKey)
                .query((rs, row) -> new AlertHistory(dedupKey, AlertStatus.valueOf(rs.getString("status")),
                        instants(rs.getArray("changes"))))
                .optional()
                .orElseGet(() -> AlertHistory.none(dedupKey));
    }

    private static final String SAVE_HISTORY = """
            insert into alert_state (dedup_key, status, changes)
            values (:dedupKey, :status, cast(:changes as timestamptz[]))
            on conflict (dedup_key) do update set status = excluded.status, changes = excluded.changes
            """;

    @Override
    public void saveHistory(AlertHistory history) {
        if (history.status() == AlertStatus.UNKNOWN) {
            return;
        }
        jdbc.sql(SAVE_HISTORY)
                .param("dedupKey", history.dedupKey())
                .param("status", history.status().name())
                .param("changes", arrayLiteral(history.changes()))
                .update();
    }

    /** An array literal: the named-parameter support would expand a Java array into a list of parameters. */
    private static String arrayLiteral(List<Instant> instants) {
        return instants.stream().map(at -> "\"" + at + "\"").collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public Map<String, AlertHistory> histories(Collection<String> dedupKeys) {
        Map<String, AlertHistory> histories = new HashMap<>();
        if (!dedupKeys.isEmpty()) {
            jdbc.sql("select * from alert_state where dedup_key = any (cast(? as text[]))")
                    .param(dedupKeys.toArray(String[]::new))
                    .query((rs, row) -> new AlertHistory(rs.getString("dedup_key"), AlertStatus.valueOf(rs.getString("status")),
                            instants(rs.getArray("changes"))))
                    .list()
                    .forEach(history -> histories.put(history.dedupKey(), history));
        }
        for (String dedupKey : dedupKeys) {
            histories.computeIfAbsent(dedupKey, AlertHistory::none);
        }
        return histories;
    }

    @Override
    public void saveHistories(Collection<AlertHistory> histories) {
        List<AlertHistory> rows = histories.stream().filter(history -> history.status() != AlertStatus.UNKNOWN).toList();
        if (rows.isEmpty()) {
            return;
        }
        // One statement over arrays; each row's changes travel as an array literal, since PostgreSQL arrays of
        // arrays must be rectangular.
        jdbc.sql("""
                insert into alert_state (dedup_key, status, changes)
                select dedup_key, status, cast(changes as timestamptz[])
                from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) as r (dedup_key, status, changes)
                on conflict (dedup_key) do update set status = excluded.status, changes = excluded.changes
                """)
                .param(rows.stream().map(AlertHistory::dedupKey).toArray(String[]::new))
                .param(rows.stream().map(history -> history.status().name()).toArray(String[]::new))
                .param(rows.stream().map(history -> arrayLiteral(history.changes())).toArray(String[]::new))
                .update();
    }

    @Override
    public void insert(Incident incident) {
        jdbc.sql("""
                insert into incident (id, dedup_key, status, service_id, team_id, severity, summary,
                                      opened_at, last_seen_at, resolved_at, alert_count, next_sequence,
                                      group_key, flapping, acknowledged_at, acknowledged_by, deduplicated_noted_at)
                values (:id, :dedupKey, :status, :serviceId, :teamId, :severity, :summary,
                        :openedAt, :lastSeenAt, :resolvedAt, :alertCount, :nextSequence,
                        :groupKey, :flapping, :acknowledgedAt, :acknowledgedBy, :deduplicatedNotedAt)
                """)
                .param("id", incident.id())
                .param("dedupKey", incident.dedupKey())
                .param("summary", incident.summary())
                .param("openedAt", timestamp(incident.openedAt()))
                .param("groupKey", incident.groupKey())
                .params(mutable(incident))
                .update();
    }

    private static final String UPDATE = """
            update incident set status = :status, service_id = :serviceId, team_id = :teamId, severity = :severity,
                                last_seen_at = :lastSeenAt, resolved_at = :resolvedAt, alert_count = :alertCount,
                                next_sequence = :nextSequence, flapping = :flapping,
                                acknowledged_at = :acknowledgedAt, acknowledged_by = :acknowledgedBy,
                                deduplicated_noted_at = :deduplicatedNotedAt
            where id = :id
            """;

    @Override
    public void update(Incident incident) {
        int updated = jdbc.sql(UPDATE)
                .param("id", incident.id())
                .params(mutable(incident))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Incident " + incident.id() + " does not exist");
        }
        if (!incident.isOpen()) {
            jdbc.sql("update incident_alert set held = false where incident_id = :id and held")
                    .param("id", incident.id())
                    .update();
        }
    }

    @Override
    public void updateOpen(Collection<Incident> incidents) {
        // In id order, so that two transactions updating the same incidents lock them in the same order.
        List<Incident> sorted = incidents.stream().sorted(Comparator.comparing(Incident::id)).toList();
        for (Incident incident : sorted) {
            if (!incident.isOpen()) {
                throw new IllegalArgumentException("Incident " + incident.id() + " is resolved: update it on its own");
            }
        }
        int[] updated = batches.batchUpdate(UPDATE, sorted.stream()
                .map(incident -> new MapSqlParameterSource(mutable(incident)).addValue("id", incident.id()))
                .toArray(MapSqlParameterSource[]::new));
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new IllegalStateException("Incident " + sorted.get(i).id() + " does not exist");
            }
        }
    }

    private static Map<String, Object> mutable(Incident incident) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", incident.status().name());
        params.put("serviceId", incident.serviceId());
        params.put("teamId", incident.teamId());
        params.put("severity", incident.severity().name());
        params.put("lastSeenAt", timestamp(incident.lastSeenAt()));
        params.put("resolvedAt", timestamp(incident.resolvedAt()));
        params.put("alertCount", incident.alertCount());
        params.put("nextSequence", incident.nextSequence());
        params.put("flapping", incident.flapping());
        params.put("acknowledgedAt", timestamp(incident.acknowledgedAt()));
        params.put("acknowledgedBy", incident.acknowledgedBy());
        params.put("deduplicatedNotedAt", timestamp(incident.deduplicatedNotedAt()));
        return params;
    }

    @Override
    public void holdAgain(UUID incidentId) {
        jdbc.sql("update incident_alert set held = true, status = 'FIRING' where incident_id = :id")
                .param("id", incidentId)
                .update();
    }

    private static final String SAVE_ALERT = """
            insert into incident_alert (incident_id, dedup_key, status, severity, summary, labels,
                                        first_seen_at, last_seen_at, alert_count, held)
            values (:incidentId, :dedupKey, :status, :severity, :summary, cast(:labels as jsonb),
                    :firstSeenAt, :lastSeenAt, :count,
                    (select status <> 'RESOLVED' from incident where id = :incidentId))
            on conflict (incident_id, dedup_key) do update
                set status = excluded.status, severity = excluded.severity, summary = excluded.summary,
                    labels = excluded.labels, first_seen_at = excluded.first_seen_at,
                    last_seen_at = excluded.last_seen_at, alert_count = excluded.alert_count
            """;

    @Override
    public void saveAlert(IncidentAlert alert) {
        jdbc.sql(SAVE_ALERT).params(alertRow(alert).getValues()).update();
    }

    @Override
    public void saveAlerts(Collection<IncidentAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<IncidentAlert> rows = List.copyOf(alerts);
        // One statement over arrays (timestamps as ISO-8601 text); held as in SAVE_ALERT.
        jdbc.sql("""
                insert into incident_alert (incident_id, dedup_key, status, severity, summary, labels,
                                            first_seen_at, last_seen_at, alert_count, held)
                select r.incident_id, r.dedup_key, r.status, r.severity, r.summary, cast(r.labels as jsonb),
                       r.first_seen_at, r.last_seen_at, r.alert_count, i.status <> 'RESOLVED'
                from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                            cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as timestamptz[]),
                            cast(? as int[]))
                     as r (incident_id, dedup_key, status, severity, summary, labels, first_seen_at, last_seen_at,
                           alert_count)
                     left join incident i on i.id = r.incident_id
                on conflict (incident_id, dedup_key) do update
                    set status = excluded.status, severity = excluded.severity, summary = excluded.summary,
                        labels = excluded.labels, first_seen_at = excluded.first_seen_at,
                        last_seen_at = excluded.last_seen_at, alert_count = excluded.alert_count
                """)
                .param(rows.stream().map(IncidentAlert::incidentId).toArray(UUID[]::new))
                .param(rows.stream().map(IncidentAlert::dedupKey).toArray(String[]::new))
                .param(rows.stream().map(alert -> alert.status().name()).toArray(String[]::new))
                .param(rows.stream().map(alert -> alert.severity().name()).toArray(String[]::new))
                .param(rows.stream().map(alert -> alert.summary() == null ? "" : alert.summary()).toArray(String[]::new))
                .param(rows.stream().map(alert -> JSON.writeValueAsString(alert.labels())).toArray(String[]::new))
                .param(rows.stream().map(alert -> alert.firstSeenAt().toString()).toArray(String[]::new))
                .param(rows.stream().map(alert -> alert.lastSeenAt().toString()).toArray(String[]::new))
                .param(rows.stream().map(IncidentAlert::count).toArray(Integer[]::new))
                .update();
    }

    private static MapSqlParameterSource alertRow(IncidentAlert alert) {
        return new MapSqlParameterSource()
                .addValue("incidentId", alert.incidentId())
                .addValue("dedupKey", alert.dedupKey())
                .addValue("status", alert.status().name())
                .addValue("severity", alert.severity().name())
                .addValue("summary", alert.summary() == null ? "" : alert.summary())
                .addValue("labels", JSON.writeValueAsString(alert.labels()))
                .addValue("firstSeenAt", timestamp(alert.firstSeenAt()))
                .addValue("lastSeenAt", timestamp(alert.lastSeenAt()))
                .addValue("count", alert.count());
    }

    @Override
    public boolean recordSuppression(String suppressedBy, Alert alert, String reason) {
        Boolean first = jdbc.sql("""
                insert into suppressed_alert (suppressed_by, dedup_key, reason, severity, summary, labels,
                                              first_seen_at, last_seen_at, alert_count, last_event_id)
                values (:by, :dedupKey, :reason, :severity, :summary, cast(:labels as jsonb), :at, :at, 1, :eventId)
                on conflict (suppressed_by, dedup_key) do update
                    set alert_count = suppressed_alert.alert_count + 1,
                        last_seen_at = greatest(suppressed_alert.last_seen_at, excluded.last_seen_at),
                        last_event_id = excluded.last_event_id
                returning (xmax = 0)
                """)
                .param("by", suppressedBy)
                .param("dedupKey", alert.dedupKey())
                .param("reason", reason)
                .param("severity", alert.severity().name())
                .param("summary", alert.summary())
                .param("labels", JSON.writeValueAsString(alert.labels()))
                .param("at", timestamp(alert.receivedAt()))
                .param("eventId", alert.eventId())
                .query(Boolean.class)
                .single();
        return Boolean.TRUE.equals(first);
    }

    @Override
    public void lockAlert(String dedupKey) {
        lock(ALERT_LOCK, dedupKey);
    }

    @Override
    public void lockGroup(String groupKey) {
        lock(GROUP_LOCK, groupKey);
    }

    private void lock(int namespace, String key) {
        jdbc.sql("select pg_advisory_xact_lock(:namespace, hashtext(:key))")
                .param("namespace", namespace)
                .param("key", key)
                .query((rs, row) -> row)
                .list();
    }

    @Override
    public void lockAll(Collection<String> dedupKeys, Collection<String> groupKeys) {
        lockAll(ALERT_LOCK, dedupKeys);
        lockAll(GROUP_LOCK, groupKeys);
    }

    /** One statement; the subquery's order is the order the locks are taken in. */
    private void lockAll(int namespace, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                select pg_advisory_xact_lock(?, hash) from (
                    select distinct hashtext(key) as hash from unnest(cast(? as text[])) as key order by hash) hashes
                """)
                .param(namespace)
                .param(keys.toArray(String[]::new))
                .query((rs, row) -> row)
                .list();
    }

    @Override
    public Set<String> processedAmong(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select event_id from processed_event where consumer = ? and event_id = any (cast(? as text[]))")
                .param(consumer)
                .param(eventIds.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Override
    public Set<String> markAllProcessed(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        // ON CONFLICT DO NOTHING returns only the rows it inserted: the events not seen before.
        return new HashSet<>(jdbc.sql("""
                insert into processed_event (consumer, event_id)
                select ?, event_id from unnest(cast(? as text[])) as event_id
                on conflict do nothing
                returning event_id
                """)
                .param(consumer)
                .param(new LinkedHashSet<>(eventIds).toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Override
    public boolean isProcessed(String consumer, String eventId) {
        return jdbc.sql("select exists (select 1 from processed_event where consumer = :consumer and event_id = :eventId)")
                .param("consumer", consumer)
                .param("eventId", eventId)
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean markProcessed(String consumer, String eventId) {
        return jdbc.sql("""
                insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                on conflict do nothing
                """)
                .param("consumer", consumer)
                .param("eventId", eventId)
                .update() == 1;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<Instant> instants(Array array) throws SQLException {
        List<Instant> result = new ArrayList<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                result.add(((Timestamp) value).toInstant());
            }
        }
        return result;
    }

    private static Incident incident(ResultSet rs, int row) throws SQLException {
        return new Incident(
                rs.getObject("id", UUID.class),
                rs.getString("dedup_key"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("service_id"),
                rs.getString("team_id"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("summary"),
                instant(rs, "opened_at"),
                instant(rs, "last_seen_at"),
                instant(rs, "resolved_at"),
                rs.getInt("alert_count"),
                rs.getLong("next_sequence"),
                rs.getString("group_key"),
                rs.getBoolean("flapping"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "deduplicated_noted_at"));
    }

    private static IncidentAlert alert(ResultSet rs, int row) throws SQLException {
        return alert(rs, "");
    }

    /** An incident_alert row whose columns carry this prefix. */
    private static IncidentAlert alert(ResultSet rs, String prefix) throws SQLException {
        return new IncidentAlert(
                rs.getObject(prefix + "incident_id", UUID.class),
                rs.getString(prefix + "dedup_key"),
                AlertStatus.valueOf(rs.getString(prefix + "status")),
                Severity.valueOf(rs.getString(prefix + "severity")),
                rs.getString(prefix + "summary"),
                JSON.readValue(rs.getString(prefix + "labels"), STRING_MAP),
                instant(rs, prefix + "first_seen_at"),
                instant(rs, prefix + "last_seen_at"),
                rs.getInt(prefix + "alert_count"));
    }
}
