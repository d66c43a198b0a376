package io.ownwatch.router.remediation.jdbc;

import io.ownwatch.router.remediation.RemediationRequest;
import io.ownwatch.router.remediation.RemediationRequests;
import io.ownwatch.router.remediation.RemediationResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requests in {@code remediation_request}, verification windows in {@code remediation_verification}. */
@Repository
class JdbcRemediationRequests implements RemediationRequests {

    private final JdbcClient jdbc;

    JdbcRemediationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(RemediationRequest request) {
        return jdbc.sql("""
                insert into remediation_request (request_id, incident_id, runbook_id, runbook_version, content_hash,
                                                 requested_by_kind, requested_by, requested_at, verification_seconds,
                                                 state, state_at, reason)
                values (:requestId, :incidentId, :runbookId, :runbookVersion, :contentHash,
                        :requestedByKind, :requestedBy, :requestedAt, :verificationSeconds,
                        :state, :requestedAt, :reason)
                on conflict (request_id) do nothing
                """)
                .param("requestId", request.requestId())
                .param("incidentId", request.incidentId())
                .param("runbookId", request.runbookId())
                .param("runbookVersion", request.runbookVersion())
                .param("contentHash", request.contentHash())
                .param("requestedByKind", request.requestedBy().kind().name())
                .param("requestedBy", request.requestedBy().id())
                .param("requestedAt", Timestamp.from(request.requestedAt()))
                .param("verificationSeconds", request.verificationSeconds())
                .param("state", REQUESTED)
                .param("reason", request.reason())
                .update() == 1;
    }

    @Override
    public void recordState(RemediationResult result, String state) {
        jdbc.sql("""
                insert into remediation_request (request_id, incident_id, runbook_id, content_hash, requested_at,
                                                 state, state_at, reason)
                values (:requestId, :incidentId, :runbookId, :contentHash, :at, :state, :at, :reason)
                on conflict (request_id) do update
                    set state = excluded.state, state_at = excluded.state_at, reason = excluded.reason
                """)
                .param("requestId", result.requestId())
                .param("incidentId", result.incidentId())
                .param("runbookId", result.runbookId())
                .param("contentHash", result.contentHash())
                .param("at", Timestamp.from(result.occurredAt()))
                .param("state", state)
                .param("reason", result.reason())
                .update();
    }

    @Override
    public List<RequestState> ofIncident(UUID incidentId) {
        return jdbc.sql("""
                select * from remediation_request where incident_id = :incidentId order by requested_at, request_id
                """)
                .param("incidentId", incidentId)
                .query((rs, row) -> new RequestState(rs.getString("request_id"), rs.getString("runbook_id"),
                        (Integer) rs.getObject("runbook_version"), rs.getString("content_hash"),
                        rs.getString("requested_by_kind"), rs.getString("requested_by"), instant(rs, "requested_at"),
                        rs.getString("state"), instant(rs, "state_at"), rs.getString("reason")))
                .list();
    }

    @Override
    public OptionalInt runbookVersionOf(String requestId) {
        return jdbc.sql("select runbook_version from remediation_request where request_id = :requestId")
                .param("requestId", requestId)
                .query((rs, row) -> (Integer) rs.getObject("runbook_version"))
                .optional()
                .map(version -> version == null ? OptionalInt.empty() : OptionalInt.of(version))
                .orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt verificationSecondsOf(String requestId) {
        return jdbc.sql("select verification_seconds from remediation_request where request_id = :requestId")
                .param("requestId", requestId)
                .query((rs, row) -> (Integer) rs.getObject("verification_seconds"))
                .optional()
                .map(seconds -> seconds == null ? OptionalInt.empty() : OptionalInt.of(seconds))
                .orElse(OptionalInt.empty());
    }

    @Override
    public void openWindow(String requestId, UUID incidentId, String runbookId, String contentHash, int seconds) {
        jdbc.sql("""
                insert into remediation_verification (request_id, incident_id, runbook_id, content_hash, due_at)
                values (:requestId, :incidentId, :runbookId, :contentHash, now() + :seconds * interval '1 second')
                on conflict (request_id) do nothing
                """)
                .param("requestId", requestId)
                .param("incidentId", incidentId)
                .param("runbookId", runbookId)
                .param("contentHash", contentHash)
                .param("seconds", seconds)
                .update();
    }

    @Override
    public int closeWindowsOf(UUID incidentId) {
        return jdbc.sql("delete from remediation_verification where incident_id = :incidentId")
                .param("incidentId", incidentId)
                .update();
    }

    @Override
    public List<Window> leaseDue(int limit, int leaseSeconds) {
        return jdbc.sql("""
                update remediation_verification v set leased_until = now() + :lease * interval '1 second'
                where v.request_id in (
                    select request_id from remediation_verification
                    where due_at <= now() and (leased_until is null or leased_until <= now())
                    order by due_at
                    limit :limit
                    for update skip locked)
                returning v.request_id, v.incident_id, v.runbook_id, v.content_hash, v.due_at
                """)
                .param("lease", leaseSeconds)
                .param("limit", limit)
                .query(JdbcRemediationRequests::window)
                .list();
    }

    @Override
    public Optional<Window> lockWindow(String requestId) {
        return jdbc.sql("""
                select request_id, incident_id, runbook_id, content_hash, due_at from remediation_verification
                where request_id = :requestId for update
                """)
                .param("requestId", requestId)
                .query(JdbcRemediationRequests::window)
                .optional();
    }

    @Override
    public void closeWindow(String requestId) {
        jdbc.sql("delete from remediation_verification where request_id = :requestId")
                .param("requestId", requestId)
                .update();
    }

    private static Window window(ResultSet rs, int row) throws SQLException {
        return new Window(rs.getString("request_id"), rs.getObject("incident_id", UUID.class),
                rs.getString("runbook_id"), rs.getString("content_hash"), instant(rs, "due_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
