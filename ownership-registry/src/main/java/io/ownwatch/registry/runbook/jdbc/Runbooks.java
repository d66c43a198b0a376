package io.ownwatch.registry.runbook.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.runbook.OpenVersionExists;
import io.ownwatch.registry.runbook.Runbook;
import io.ownwatch.registry.runbook.RunbookAlreadyExists;
import io.ownwatch.registry.runbook.RunbookChange;
import io.ownwatch.registry.runbook.RunbookContent;
import io.ownwatch.registry.runbook.RunbookNotFound;
import io.ownwatch.registry.runbook.RunbookOutbox;
import io.ownwatch.registry.runbook.RunbookRules;
import io.ownwatch.registry.runbook.RunbookStatus;
import io.ownwatch.registry.runbook.RunbookSummary;
import io.ownwatch.registry.runbook.RunbookVersion;
import io.ownwatch.registry.runbook.RunbookWasSubmitted;
import io.ownwatch.registry.runbook.StaleRunbookVersion;
import io.ownwatch.registry.runbook.UnknownRunbookReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * All runbooks and their versions ({@code runbook}, {@code runbook_version}). Every change locks the runbook's row
 * first, so the moves of one runbook (a new version, an approval retiring the previous one) never interleave, and
 * every approval or retirement is appended to the {@link RunbookOutbox} in the same transaction.
 */
@Repository
public class Runbooks {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String VERSION_COLUMNS = """
            SELECT v.runbook_id, r.team_id, v.version, v.status, v.revision, v.content::text AS content, v.content_hash,
                   v.authored_by, v.authors::text AS authors, v.submitted_at, v.approved_by, v.approved_at, v.retired_at, v.updated_at
            FROM runbook_version v JOIN runbook r ON r.id = v.runbook_id""";

    private final JdbcClient jdbc;
    private final RunbookOutbox outbox;

    Runbooks(JdbcClient jdbc, RunbookOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Creates a runbook with its first version, a draft by {@code author}.
     *
     * @throws io.ownwatch.registry.runbook.InvalidRunbook if the content breaks a rule
     * @throws UnknownRunbookReference                      if the team or a service does not exist
     * @throws RunbookAlreadyExists                         if the id is taken
     */
    @Transactional
    public RunbookVersion create(String id, String teamId, RunbookContent content, String author) {
        RunbookRules.requireValid(content);
        // FOR KEY SHARE keeps the team from disappearing between this check and the insert.
        if (jdbc.sql("SELECT 1 FROM team WHERE id = :id FOR KEY SHARE").param("id", teamId).query(Integer.class).optional().isEmpty()) {
            throw new UnknownRunbookReference("teamId", "team", teamId);
        }
        requireServices(content);
        int inserted = jdbc.sql("""
                        INSERT INTO runbook (id, team_id, created_by) VALUES (:id, :teamId, :author)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", id)
                .param("teamId", teamId)
                .param("author", author)
                .update();
        if (inserted == 0) {
            throw new RunbookAlreadyExists(id);
        }
        RunbookVersion draft = RunbookVersion.draft(id, teamId, 1, content, author, now());
        insert(draft);
        return draft;
    }

    /**
     * Starts the next version of a runbook, a draft by {@code author}.
     *
     * @throws OpenVersionExists if a version is still a draft or in review
     */
    @Transactional
    public RunbookVersion newVersion(String id, RunbookContent content, String author) {
        RunbookRules.requireValid(content);
        requireServices(content);
        Runbook runbook = lock(id);
        for (RunbookVersion version : runbook.versions()) {
            if (version.status() == RunbookStatus.DRAFT || version.status() == RunbookStatus.IN_REVIEW) {
                throw new OpenVersionExists(id, version.version(), version.status());
            }
        }
        RunbookVersion draft = RunbookVersion.draft(id, runbook.teamId(), runbook.latest().version() + 1, content, author, now());
        insert(draft);
        return draft;
    }

    /** Replaces a draft's content, if the caller's ETag is current. */
    @Transactional
    public RunbookVersion edit(String id, int version, String etag, RunbookContent content, String editor) {
        RunbookRules.requireValid(content);
        requireServices(content);
        return change(id, version, etag, current -> current.edit(content, editor, now()));
    }

    /** Hands a draft to review, fixing its content hash. */
    @Transactional
    public RunbookVersion submit(String id, int version, String etag) {
        return change(id, version, etag, current -> current.submit(now()));
    }

    /** Sends a version in review back to draft. */
    @Transactional
    public RunbookVersion requestChanges(String id, int version, String etag) {
        return change(id, version, etag, current -> current.requestChanges(now()));
    }

    /**
     * Approves a version in review; the version approved before it, if any, is retired in the same transaction.
     * Both moves are published, the retirement first, so the compacted topic ends with the approval.
     */
    @Transactional
    public RunbookVersion approve(String id, int version, String etag, String approver) {
        Runbook runbook = lock(id);
        RunbookVersion current = versionOf(runbook, version);
        requireEtag(current, etag);
        Instant now = now();
        RunbookVersion approved = current.approve(approver, now);
        Optional<RunbookVersion> previous = runbook.approved();
        if (previous.isPresent()) {
            RunbookVersion retired = previous.get().retire(now);
            update(retired);
            outbox.append(new RunbookChange(retired, now));
        }
        update(approved);
        outbox.append(new RunbookChange(approved, now));
        return approved;
    }

    /** Retires the approved version: it may no longer run, and runbooks.v1 says so. */
    @Transactional
    public RunbookVersion retire(String id, int version, String etag) {
        Instant now = now();
        RunbookVersion retired = change(id, version, etag, current -> current.retire(now));
        outbox.append(new RunbookChange(retired, now));
        return retired;
    }

    /**
     * Deletes a runbook none of whose versions ever left draft; nothing is published, since nothing of it was.
     *
     * @param etag the ETag of its latest version
     * @throws RunbookWasSubmitted if a version is in review, approved or retired
     */
    @Transactional
    public void delete(String id, String etag) {
        Runbook runbook = lock(id);
        requireEtag(runbook.latest(), etag);
        if (runbook.versions().stream().anyMatch(v -> v.status() != RunbookStatus.DRAFT)) {
            throw new RunbookWasSubmitted(id);
        }
        jdbc.sql("DELETE FROM runbook WHERE id = :id").param("id", id).update();
    }

    /** Enqueues on runbooks.v1 the current state of every runbook that has an approved or retired version; returns how many. */
    @Transactional
    public int republishAll() {
        List<String> ids = jdbc.sql("SELECT id FROM runbook ORDER BY id FOR SHARE").query(String.class).list();
        Instant now = now();
        int enqueued = 0;
        for (String id : ids) {
            Optional<RunbookVersion> published = find(id).flatMap(Runbook::published);
            if (published.isPresent()) {
                RunbookVersion version = published.get();
                outbox.append(new RunbookChange(version, version.status() == RunbookStatus.APPROVED
                        ? version.approvedAt() : version.retiredAt()));
                enqueued++;
            }
        }
        return enqueued;
    }

    @Transactional(readOnly = true)
    public Optional<Runbook> find(String id) {
        record Head(String teamId, String createdBy, Instant createdAt) {
        }
        return jdbc.sql("SELECT team_id, created_by, created_at FROM runbook WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Head(rs.getString("team_id"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()))
                .optional()
                .map(head -> new Runbook(id, head.teamId(), head.createdBy(), head.createdAt(), versions("WHERE v.runbook_id = :id",
                        Map.of("id", id))));
    }

    /** Runbooks ordered by id, optionally only a team's and only those with a version in {@code status}. */
    @Transactional(readOnly = true)
    public ItemPage<RunbookSummary> list(String teamId, RunbookStatus status, int page, int size) {
        String where = """
                WHERE (CAST(:team AS text) IS NULL OR r.team_id = :team)
                  AND (CAST(:status AS text) IS NULL OR EXISTS
                        (SELECT 1 FROM runbook_version s WHERE s.runbook_id = r.id AND s.status = :status))""";
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("team", teamId);
        params.put("status", status == null ? null : status.name());
        List<RunbookSummary> items = jdbc.sql("""
                        SELECT r.id, r.team_id, l.content ->> 'title' AS title, l.version, l.status,
                               (SELECT a.version FROM runbook_version a WHERE a.runbook_id = r.id AND a.status = 'APPROVED') AS approved
                        FROM runbook r
                        JOIN LATERAL (SELECT version, status, content FROM runbook_version WHERE runbook_id = r.id
                                      ORDER BY version DESC LIMIT 1) l ON true
                        """ + where + " ORDER BY r.id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new RunbookSummary(rs.getString("id"), rs.getString("team_id"), rs.getString("title"),
                        rs.getInt("version"), RunbookStatus.valueOf(rs.getString("status")),
                        (Integer) rs.getObject("approved")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM runbook r " + where).params(params).query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** The approved versions of every runbook, by runbook id: the candidates for an alert's runbooks. */
    @Transactional(readOnly = true)
    public List<RunbookVersion> approved() {
        return versions("WHERE v.status = 'APPROVED'", Map.of());
    }

    private RunbookVersion change(String id, int version, String etag, UnaryOperator<RunbookVersion> move) {
        RunbookVersion current = versionOf(lock(id), version);
        requireEtag(current, etag);
        RunbookVersion changed = move.apply(current);
        update(changed);
        return changed;
    }

    /** Loads the runbook with its row locked for the rest of the transaction. */
    private Runbook lock(String id) {
        jdbc.sql("SELECT 1 FROM runbook WHERE id = :id FOR UPDATE").param("id", id).query(Integer.class).optional()
                .orElseThrow(() -> new RunbookNotFound(id));
        return find(id).orElseThrow(() -> new RunbookNotFound(id));
    }

    private static RunbookVersion versionOf(Runbook runbook, int version) {
        return runbook.versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new RunbookNotFound(runbook.id(), version));
    }

    /** {@code etag} as sent in If-Match, without quotes or weak prefix: {@code 2.5}. */
    private static void requireEtag(RunbookVersion current, String etag) {
        String expected = current.etag().replace("\"", "");
        if (!expected.equals(etag)) {
            throw new StaleRunbookVersion(current.runbookId(), current.version(), etag, current.etag());
        }
    }

    private void requireServices(RunbookContent content) {
        for (int i = 0; i < content.serviceIds().size(); i++) {
            String serviceId = content.serviceIds().get(i);
            if (jdbc.sql("SELECT 1 FROM service WHERE id = :id").param("id", serviceId).query(Integer.class).optional().isEmpty()) {
                throw new UnknownRunbookReference("serviceIds[" + i + "]", "service", serviceId);
            }
        }
    }

    private Instant now() {
        return jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
    }

    private void insert(RunbookVersion version) {
        jdbc.sql("""
                        INSERT INTO runbook_version (runbook_id, version, status, revision, content, content_hash, authored_by,
                                                     authors, created_at, updated_at)
                        VALUES (:id, :version, :status, :revision, CAST(:content AS jsonb), :hash, :authoredBy, CAST(:authors AS jsonb),
                                :updatedAt, :updatedAt)""")
                .param("id", version.runbookId())
                .param("version", version.version())
                .param("status", version.status().name())
                .param("revision", version.revision())
                .param("content", JSON.writeValueAsString(version.content()))
                .param("hash", version.contentHash(), java.sql.Types.VARCHAR)
                .param("authoredBy", version.authoredBy())
                .param("authors", JSON.writeValueAsString(version.authors()))
                .param("updatedAt", Timestamp.from(version.updatedAt()))
                .update();
    }

    private void update(RunbookVersion version) {
        jdbc.sql("""
                        UPDATE runbook_version SET status = :status, revision = :revision, content = CAST(:content AS jsonb),
                               content_hash = :hash, authors = CAST(:authors AS jsonb), submitted_at = :submittedAt, approved_by = :approvedBy,
                               approved_at = :approvedAt, retired_at = :retiredAt, updated_at = :updatedAt
                        WHERE runbook_id = :id AND version = :version""")
                .param("id", version.runbookId())
                .param("version", version.version())
                .param("status", version.status().name())
                .param("revision", version.revision())
                .param("content", JSON.writeValueAsString(version.content()))
                .param("hash", version.contentHash(), java.sql.Types.VARCHAR)
                .param("authors", JSON.writeValueAsString(version.authors()))
                .param("submittedAt", timestamp(version.submittedAt()), java.sql.Types.TIMESTAMP)
                .param("approvedBy", version.approvedBy(), java.sql.Types.VARCHAR)
                .param("approvedAt", timestamp(version.approvedAt()), java.sql.Types.TIMESTAMP)
                .param("retiredAt", timestamp(version.retiredAt()), java.sql.Types.TIMESTAMP)
                .param("updatedAt", Timestamp.from(version.updatedAt()))
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private List<RunbookVersion> versions(String where, Map<String, ?> params) {
        return jdbc.sql(VERSION_COLUMNS + " " + where + " ORDER BY v.runbook_id, v.version")
                .params(params)
                .query(Runbooks::version)
                .list();
    }

    private static RunbookVersion version(ResultSet rs, int n) throws SQLException {
        return new RunbookVersion(rs.getString("runbook_id"), rs.getString("team_id"), rs.getInt("version"),
                RunbookStatus.valueOf(rs.getString("status")), rs.getLong("revision"),
                content(rs.getString("content")), rs.getString("content_hash"),
                rs.getString("authored_by"), List.of(JSON.readValue(rs.getString("authors"), String[].class)),
                instant(rs, "submitted_at"), rs.getString("approved_by"), instant(rs, "approved_at"),
                instant(rs, "retired_at"), instant(rs, "updated_at"));
    }

    /**
     * Stored content. Content written without {@code triggerAtLevel} (by an instance from before trigger levels, while
     * a new one runs beside it; V9 spelled the level out in what was stored before) meant "when the incident opens",
     * and is read so: its content hash stays what it was.
     */
    private static RunbookContent content(String json) {
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        if (!tree.has("triggerAtLevel")) {
            tree.put("triggerAtLevel", RunbookContent.DEFAULT_TRIGGER_AT_LEVEL);
        }
        return JSON.treeToValue(tree, RunbookContent.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
