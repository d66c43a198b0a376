package io.ownwatch.router.escalation.jdbc;

import io.ownwatch.router.escalation.Escalation;
import io.ownwatch.router.escalation.EscalationState;
import io.ownwatch.router.escalation.Escalations;
import io.ownwatch.router.escalation.PolicySnapshot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Escalations as rows of {@code escalation}; every time is the database's {@code now()}. */
@Repository
class JdbcEscalations implements Escalations {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String COLUMNS = """
            incident_id, team_id, service_id, snapshot::text AS snapshot, status, generation, round, level, due_at,
            reason, version, attempts, failure_noted""";

    private final JdbcClient jdbc;

    JdbcEscalations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Instant now() {
        return jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void start(UUID incidentId, String teamId, String serviceId) {
        jdbc.sql("""
                INSERT INTO escalation (incident_id, team_id, service_id, status, due_at)
                VALUES (:id, :team, :service, 'PENDING', now())
                ON CONFLICT (incident_id) DO NOTHING
                """)
                .param("id", incidentId).param("team", teamId).param("service", serviceId)
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Escalation> findForUpdate(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escalation WHERE incident_id = :id FOR UPDATE")
                .param("id", incidentId).query(JdbcEscalations::map).optional();
    }

    @Override
    public Optional<Escalation> find(UUID incidentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escalation WHERE incident_id = :id")
                .param("id", incidentId).query(JdbcEscalations::map).optional();
    }

    @Override
    @Transactional
    public List<Escalation> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                UPDATE escalation SET claimed_until = now() + make_interval(secs => :lease)
                WHERE incident_id IN (
                    SELECT incident_id FROM escalation
                    WHERE status IN ('PENDING', 'RUNNING') AND due_at <= now()
                      AND (claimed_until IS NULL OR claimed_until <= now())
                    ORDER BY due_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .param("lease", lease.toMillis() / 1000.0)
                .param("limit", limit)
                .query(JdbcEscalations::map)
                .list();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void update(Escalation escalation) {
        EscalationState state = escalation.state();
        jdbc.sql("""
                UPDATE escalation
                SET team_id = :team, service_id = :service, snapshot = CAST(:snapshot AS jsonb), status = :status,
                    generation = :generation, round = :round, level = :level, due_at = :due, reason = :reason,
                    attempts = :attempts, failure_noted = :noted, claimed_until = NULL, version = version + 1,
                    updated_at = now()
                WHERE incident_id = :id
                """)
                .param("id", escalation.incidentId())
                .param("team", escalation.teamId())
                .param("service", escalation.serviceId())
                .param("snapshot", escalation.snapshot() == null ? null : JSON.writeValueAsString(escalation.snapshot()))
                .param("status", state.status().name())
                .param("generation", state.generation())
                .param("round", state.round())
                .param("level", state.level())
                .param("due", state.dueAt() == null ? null : Timestamp.from(state.dueAt()))
                .param("reason", state.reason())
                .param("attempts", escalation.attempts())
                .param("noted", escalation.failureNoted())
                .update();
    }

    @Override
    @Transactional
    public void release(UUID incidentId) {
        jdbc.sql("UPDATE escalation SET claimed_until = NULL WHERE incident_id = :id").param("id", incidentId).update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int admitPages(String teamId, Instant minute, int wanted, int cap) {
        // The upsert locks the team's row for the minute: concurrent steps of one team count one after the other.
        int before = jdbc.sql("""
                INSERT INTO storm_minute (team_id, minute, pages) VALUES (:team, :minute, 0)
                ON CONFLICT (team_id, minute) DO UPDATE SET pages = storm_minute.pages
                RETURNING pages
                """)
                .param("team", teamId).param("minute", Timestamp.from(minute))
                .query(Integer.class).single();
        int admitted = Math.max(0, Math.min(wanted, cap - before));
        if (admitted > 0) {
            jdbc.sql("UPDATE storm_minute SET pages = pages + :n WHERE team_id = :team AND minute = :minute")
                    .param("n", admitted).param("team", teamId).param("minute", Timestamp.from(minute))
                    .update();
        }
        return before;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int holdBack(String teamId, String personId, Instant minute, UUID incidentId) {
        jdbc.sql("""
                INSERT INTO storm_held_back (team_id, person_id, minute, incident_id)
                VALUES (:team, :person, :minute, :incident)
                ON CONFLICT DO NOTHING
                """)
                .param("team", teamId).param("person", personId).param("minute", Timestamp.from(minute))
                .param("incident", incidentId)
                .update();
        return jdbc.sql("""
                SELECT count(*) FROM storm_held_back WHERE team_id = :team AND person_id = :person AND minute = :minute
                """)
                .param("team", teamId).param("person", personId).param("minute", Timestamp.from(minute))
                .query(Integer.class).single();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void updateSummary(String notificationId, int heldBack) {
        jdbc.sql("""
                UPDATE notification SET details = details || jsonb_build_object('heldBack', CAST(:count AS text))
                WHERE notification_id = :id AND status = 'PENDING'
                """)
                .param("count", Integer.toString(heldBack)).param("id", notificationId)
                .update();
    }

    private static Escalation map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        String snapshot = rs.getString("snapshot");
        EscalationState state = new EscalationState(EscalationState.Status.valueOf(rs.getString("status")),
                rs.getInt("generation"), rs.getInt("round"), rs.getInt("level"),
                due == null ? null : due.toInstant(), rs.getString("reason"));
        return new Escalation(rs.getObject("incident_id", UUID.class), rs.getString("team_id"),
                rs.getString("service_id"),
                snapshot == null ? null : JSON.readValue(snapshot, PolicySnapshot.class),
                state, rs.getLong("version"), rs.getInt("attempts"), rs.getString("failure_noted"));
    }
}
