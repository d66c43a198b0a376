package io.ownwatch.executor.run.jdbc;

import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.policy.RunHistory;
import io.ownwatch.executor.policy.Severity;
import io.ownwatch.executor.run.Run;
import io.ownwatch.executor.run.RunRequest;
import io.ownwatch.executor.run.RunState;
import io.ownwatch.executor.run.StepRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs in {@code remediation_run} and {@code run_step}. State changes are conditional updates on the state they
 * leave, so a change that lost a race changes nothing and says so.
 */
@Repository
public class JdbcRuns {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };
    private static final TypeReference<List<PlannedStep>> PLAN = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a request once: the request id goes into the idempotency ledger and the run is written
     * {@code REQUESTED}, in the caller's transaction.
     *
     * @return whether the request was new (false: it was seen before, and nothing was written)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(String consumer, UUID runId, RunRequest request) {
        int fresh = jdbc.sql("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :id)
                        ON CONFLICT DO NOTHING""")
                .param("consumer", consumer)
                .param("id", request.requestId())
                .update();
        if (fresh == 0) {
            return false;
        }
        Requester requester = request.requester();
        jdbc.sql("""
                        INSERT INTO remediation_run (id, request_id, incident_id, runbook_id, runbook_version, content_hash,
                            service_id, severity, cluster, namespace, parameters, requester_kind, requester_id,
                            requester_roles, request_reason, state, requested_at, state_changed_at)
                        VALUES (:id, :requestId, :incidentId, :runbookId, :version, :hash, :serviceId, :severity, :cluster,
                            :namespace, CAST(:parameters AS jsonb), :kind, :requester, CAST(:roles AS text[]), :reason,
                            'REQUESTED', :requestedAt, :requestedAt)
                        ON CONFLICT (request_id) DO NOTHING""")
                .param("id", runId)
                .param("requestId", request.requestId())
                .param("incidentId", request.incidentId())
                .param("runbookId", request.runbookId())
                .param("version", request.runbookVersion())
                .param("hash", request.contentHash())
                .param("serviceId", request.serviceId())
                .param("severity", request.severity().name())
                .param("cluster", request.cluster())
                .param("namespace", request.namespace())
                .param("parameters", JSON.writeValueAsString(request.parameters()))
                .param("kind", requester.kind().name())
                .param("requester", requester.id())
                .param("roles", requester.roles().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",", "{", "}")))
                .param("reason", request.reason())
                .param("requestedAt", Timestamp.from(request.requestedAt()))
                .update();
        return true;
    }

    public Optional<Run> find(UUID id) {
        return jdbc.sql("SELECT * FROM remediation_run WHERE id = :id").param("id", id).query(JdbcRuns::run).optional()
                .map(run -> run.withSteps(steps(run.id())));
    }

    public Optional<Run> findByRequest(String requestId) {
        return jdbc.sql("SELECT * FROM remediation_run WHERE request_id = :id").param("id", requestId)
                .query(JdbcRuns::run).optional()
                .map(run -> run.withSteps(steps(run.id())));
    }

    /** The newest runs first, optionally of one state and one service. */
    public List<Run> list(RunState state, String serviceId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM remediation_run
                        WHERE (CAST(:state AS text) IS NULL OR state = :state)
                          AND (CAST(:service AS text) IS NULL OR service_id = :service)
                        ORDER BY requested_at DESC, id LIMIT :limit""")
                .param("state", state == null ? null : state.name())
                .param("service", serviceId)
                .param("limit", limit)
                .query(JdbcRuns::run)
                .list();
    }

    /** Locks the oldest run waiting for a decision or for its start, skipping those another instance holds. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Run> lockNextPending() {
        return jdbc.sql("""
                        SELECT * FROM remediation_run WHERE state IN ('REQUESTED', 'APPROVED')
                        ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .query(JdbcRuns::run)
                .optional();
    }

    /** Locks one run, waiting for another instance's hold to end. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Run> lock(UUID id) {
        return jdbc.sql("SELECT * FROM remediation_run WHERE id = :id FOR UPDATE").param("id", id)
                .query(JdbcRuns::run).optional();
    }

    /**
     * Serialises decisions about one service until the transaction ends, so that two instances cannot both see
     * "nothing running" and start two runs of one service.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockService(String serviceId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('remediation-service:' || :service))")
                .param("service", serviceId)
                .query((rs, row) -> 1)
                .list();
    }

    /** The runs that acted (started, not shadow) since a point in time, for the rate limits and the cooldown. */
    public RunHistory history(String runbookId, String serviceId, Instant since) {
        List<Instant> runbookStarts = jdbc.sql("""
                        SELECT started_at FROM remediation_run
                        WHERE runbook_id = :runbook AND started_at IS NOT NULL AND started_at > :since""")
                .param("runbook", runbookId)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        List<Instant> serviceStarts = jdbc.sql("""
                        SELECT started_at FROM remediation_run
                        WHERE service_id = :service AND started_at IS NOT NULL AND started_at > :since""")
                .param("service", serviceId)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        Optional<Instant> lastStart = jdbc.sql("""
                        SELECT max(started_at) FROM remediation_run WHERE runbook_id = :runbook AND service_id = :service""")
                .param("runbook", runbookId)
                .param("service", serviceId)
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
        int running = jdbc.sql("SELECT count(*) FROM remediation_run WHERE service_id = :service AND state = 'RUNNING'")
                .param("service", serviceId)
                .query(Integer.class)
                .single();
        return new RunHistory(runbookStarts, serviceStarts, lastStart, running);
    }

    /** Moves a run from one state to the next decided one; false if it was no longer in {@code from}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean decide(UUID id, RunState from, RunState to, String reason, String refusedField, String decidedBy,
            List<PlannedStep> plan, boolean shadow, Instant at) {
        return jdbc.sql("""
                        UPDATE remediation_run SET state = :to, state_reason = :reason, refused_field = :field,
                            decided_by = COALESCE(:decidedBy, decided_by), plan = CAST(:plan AS jsonb), shadow = :shadow,
                            state_changed_at = :at, finished_at = CASE WHEN :finished THEN :at ELSE finished_at END
                        WHERE id = :id AND state = :from""")
                .param("id", id)
                .param("from", from.name())
                .param("to", to.name())
                .param("reason", reason)
                .param("field", refusedField)
                .param("decidedBy", decidedBy)
                .param("plan", JSON.writeValueAsString(plan))
                .param("shadow", shadow)
                .param("at", Timestamp.from(at))
                .param("finished", to.finished())
                .update() == 1;
    }

    /** Marks a run RUNNING for one executor instance; the state is committed before its first step acts. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean start(UUID id, RunState from, String runner, List<PlannedStep> plan, Instant at) {
        return jdbc.sql("""
                        UPDATE remediation_run SET state = 'RUNNING', runner = :runner, started_at = :at, heartbeat_at = :at,
                            state_changed_at = :at, plan = CAST(:plan AS jsonb), state_reason = NULL
                        WHERE id = :id AND state = :from""")
                .param("id", id)
                .param("from", from.name())
                .param("runner", runner)
                .param("plan", JSON.writeValueAsString(plan))
                .param("at", Timestamp.from(at))
                .update() == 1;
    }

    public void recordStep(UUID runId, StepRecord step) {
        jdbc.sql("""
                        INSERT INTO run_step (run_id, position, name, status, detail, started_at, finished_at)
                        VALUES (:run, :position, :name, :status, :detail, :started, :finished)""")
                .param("run", runId)
                .param("position", step.position())
                .param("name", step.name())
                .param("status", step.status())
                .param("detail", step.detail())
                .param("started", Timestamp.from(step.startedAt()))
                .param("finished", step.finishedAt() == null ? null : Timestamp.from(step.finishedAt()))
                .update();
    }

    /** Ends a run this instance is running; false if a sweep already declared it UNKNOWN. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean finish(UUID id, String runner, RunState to, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE remediation_run SET state = :to, state_reason = :reason, finished_at = :at, state_changed_at = :at
                        WHERE id = :id AND state = 'RUNNING' AND runner = :runner""")
                .param("id", id)
                .param("runner", runner)
                .param("to", to.name())
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .update() == 1;
    }

    /** Tells other instances that these runs are still in hand. */
    public void heartbeat(Collection<UUID> ids, String runner, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE remediation_run SET heartbeat_at = :at WHERE id IN (:ids) AND runner = :runner AND state = 'RUNNING'")
                .param("ids", ids)
                .param("runner", runner)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Runs left RUNNING with no heartbeat since the cutoff: their executor died mid-run. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Run> abandon(Instant cutoff, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE remediation_run SET state = 'UNKNOWN', state_reason = :reason, finished_at = :at,
                            state_changed_at = :at
                        WHERE id IN (SELECT id FROM remediation_run WHERE state = 'RUNNING' AND heartbeat_at < :cutoff
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .query(JdbcRuns::run)
                .list()
                .stream().map(run -> run.withSteps(steps(run.id()))).toList();
    }

    /** Runs that waited for approval since before the cutoff: rejected. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Run> expireApprovals(Instant cutoff, String reason, Instant at) {
        return jdbc.sql("""
                        UPDATE remediation_run SET state = 'REJECTED', state_reason = :reason, finished_at = :at,
                            state_changed_at = :at
                        WHERE id IN (SELECT id FROM remediation_run WHERE state = 'AWAITING_APPROVAL'
                                     AND state_changed_at < :cutoff FOR UPDATE SKIP LOCKED)
                        RETURNING *""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("reason", reason)
                .param("at", Timestamp.from(at))
                .query(JdbcRuns::run)
                .list();
    }

    public List<StepRecord> steps(UUID runId) {
        return jdbc.sql("SELECT * FROM run_step WHERE run_id = :run ORDER BY position")
                .param("run", runId)
                .query((rs, row) -> new StepRecord(rs.getInt("position"), rs.getString("name"), rs.getString("status"),
                        rs.getString("detail"), rs.getTimestamp("started_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null)))
                .list();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        Requester requester = new Requester(Requester.Kind.valueOf(rs.getString("requester_kind")),
                rs.getString("requester_id"),
                Arrays.stream((String[]) rs.getArray("requester_roles").getArray()).map(Requester.Role::valueOf)
                        .collect(Collectors.toSet()));
        Integer version = rs.getObject("runbook_version", Integer.class);
        RunRequest request = new RunRequest(rs.getString("request_id"), rs.getString("incident_id"),
                rs.getString("runbook_id"), version, rs.getString("content_hash"), rs.getString("service_id"),
                Severity.valueOf(rs.getString("severity")), rs.getString("cluster"), rs.getString("namespace"),
                JSON.readValue(rs.getString("parameters"), PARAMETERS), requester, rs.getString("request_reason"),
                rs.getTimestamp("requested_at").toInstant());
        return new Run(rs.getObject("id", UUID.class), request, RunState.valueOf(rs.getString("state")),
                rs.getString("state_reason"), rs.getString("refused_field"), rs.getBoolean("shadow"),
                rs.getString("decided_by"), rs.getTimestamp("state_changed_at").toInstant(), instant(rs, "started_at"),
                instant(rs, "finished_at"), JSON.readValue(rs.getString("plan"), PLAN), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
