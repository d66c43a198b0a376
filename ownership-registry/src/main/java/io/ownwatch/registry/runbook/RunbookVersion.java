package io.ownwatch.registry.runbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One numbered version of a runbook and where it stands in review. It guards its own lifecycle: every move
 * returns the version after it, or throws {@link TransitionRefused} (or {@link ApprovalByAuthorRefused}) when
 * the move is not allowed from the current status. Only a DRAFT's content changes; from submission on, the
 * content that was hashed is the content that is approved and published.
 *
 * @param runbookId   the runbook
 * @param teamId      the runbook's owning team
 * @param version     1, 2, ... per runbook
 * @param status      where it stands
 * @param revision    bumped by every change of this version; with {@code version}, its ETag
 * @param content     what it says
 * @param contentHash {@link ContentHash} of the content, set when submitted; null while never submitted
 * @param authoredBy  who created the version
 * @param authors     everyone who created or edited it: none of them may approve it
 * @param submittedAt when it was last submitted for review
 * @param approvedBy  the ops-admin who approved it
 * @param approvedAt  when
 * @param retiredAt   when it was retired
 * @param updatedAt   when it last changed
 */
public record RunbookVersion(String runbookId, String teamId, int version, RunbookStatus status, long revision,
        RunbookContent content, String contentHash, String authoredBy, List<String> authors, Instant submittedAt,
        String approvedBy, Instant approvedAt, Instant retiredAt, Instant updatedAt) {

    public RunbookVersion {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        authors = authors == null ? List.of() : List.copyOf(authors);
    }

    /** A new draft written by {@code author}. */
    public static RunbookVersion draft(String runbookId, String teamId, int version, RunbookContent content, String author,
            Instant now) {
        return new RunbookVersion(runbookId, teamId, version, RunbookStatus.DRAFT, 0, content, null, author, List.of(author),
                null, null, null, null, now);
    }

    /**
     * Whether this version applies to an alert resolved to {@code serviceId}, owned by {@code owningTeamId}: the
     * service is one of its {@code serviceIds}, or it has alert matchers, all of them match the labels, and the
     * runbook belongs to the owning team (a team's matchers never reach into another team's services).
     */
    public boolean appliesTo(String serviceId, String owningTeamId, Map<String, String> labels) {
        if (content.serviceIds().contains(serviceId)) {
            return true;
        }
        return !content.alertMatchers().isEmpty() && teamId.equals(owningTeamId)
                && content.alertMatchers().stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** The ETag of this version: {@code "<version>.<revision>"}, changing whenever the version does. */
    public String etag() {
        return "\"" + version + "." + revision + "\"";
    }

    /** The draft with new content; {@code editor} joins its authors. */
    public RunbookVersion edit(RunbookContent newContent, String editor, Instant now) {
        require(RunbookStatus.DRAFT, "edit", "a change to an approved or submitted version is a new version (POST /api/v1/runbooks/"
                + runbookId + "/versions)");
        List<String> editors = new ArrayList<>(authors);
        if (!editors.contains(editor)) {
            editors.add(editor);
        }
        return new RunbookVersion(runbookId, teamId, version, status, revision + 1, newContent, null, authoredBy, editors,
                submittedAt, null, null, null, now);
    }

    /** The draft handed to review, its content hash fixed. */
    public RunbookVersion submit(Instant now) {
        require(RunbookStatus.DRAFT, "submit", "only a draft is submitted for review");
        return new RunbookVersion(runbookId, teamId, version, RunbookStatus.IN_REVIEW, revision + 1, content,
                ContentHash.of(content), authoredBy, authors, now, null, null, null, now);
    }

    /** The version under review sent back to its authors. */
    public RunbookVersion requestChanges(Instant now) {
        require(RunbookStatus.IN_REVIEW, "request changes to", "only a version in review can be sent back");
        return new RunbookVersion(runbookId, teamId, version, RunbookStatus.DRAFT, revision + 1, content, contentHash,
                authoredBy, authors, submittedAt, null, null, null, now);
    }

    /**
     * The version approved by {@code approver}, who must not be one of its authors: two people see every
     * runbook before it may run. Role checks (ops-admin) are the caller's.
     */
    public RunbookVersion approve(String approver, Instant now) {
        require(RunbookStatus.IN_REVIEW, "approve", "only a version in review can be approved; submit it first");
        if (authors.contains(approver)) {
            throw new ApprovalByAuthorRefused(runbookId, version, approver);
        }
        if (!ContentHash.of(content).equals(contentHash)) {
            // Content and hash are written together; a mismatch means the row was changed behind the API's back.
            throw new IllegalStateException("runbook " + runbookId + " v" + version + " no longer matches its content hash");
        }
        return new RunbookVersion(runbookId, teamId, version, RunbookStatus.APPROVED, revision + 1, content, contentHash,
                authoredBy, authors, submittedAt, approver, now, null, now);
    }

    /** The approved version taken out of service. */
    public RunbookVersion retire(Instant now) {
        require(RunbookStatus.APPROVED, "retire", "only the approved version can be retired");
        return new RunbookVersion(runbookId, teamId, version, RunbookStatus.RETIRED, revision + 1, content, contentHash,
                authoredBy, authors, submittedAt, approvedBy, approvedAt, now, now);
    }

    private void require(RunbookStatus expected, String action, String why) {
        if (status != expected) {
            throw new TransitionRefused(runbookId, version, status, action, why);
        }
    }
}
