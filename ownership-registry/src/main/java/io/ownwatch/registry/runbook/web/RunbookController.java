package io.ownwatch.registry.runbook.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.runbook.InvalidRunbook;
import io.ownwatch.registry.runbook.NotInOwningTeam;
import io.ownwatch.registry.runbook.Runbook;
import io.ownwatch.registry.runbook.RunbookContent;
import io.ownwatch.registry.runbook.RunbookNotFound;
import io.ownwatch.registry.runbook.RunbookRules;
import io.ownwatch.registry.runbook.RunbookStatus;
import io.ownwatch.registry.runbook.RunbookSummary;
import io.ownwatch.registry.runbook.RunbookVersion;
import io.ownwatch.registry.runbook.Violation;
import io.ownwatch.registry.runbook.jdbc.Runbooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runbook catalog over HTTP. A version is written as a DRAFT, submitted for review, and approved by an
 * ops-admin who did not write it; only the approved version may run, and a change to it is a new version.
 * Every change of a version requires {@code If-Match} with its ETag {@code "<version>.<revision>"} (428 without
 * it, 412 when it changed meanwhile), so a reviewer approves exactly what they read.
 */
@RestController
@Tag(name = "Runbooks", description = "Versioned remediation procedures, their review and approval by operations")
class RunbookController {

    private static final String BASE = "/api/v1/runbooks";

    private final Runbooks runbooks;
    private final Memberships memberships;

    RunbookController(Runbooks runbooks, Memberships memberships) {
        this.runbooks = runbooks;
        this.memberships = memberships;
    }

    /** A version and where it stands; {@code content} is what a PUT of the draft sends back. */
    record VersionJson(String runbookId, String teamId, int version, RunbookStatus status, long revision,
            String contentHash, String authoredBy, List<String> authors, Instant submittedAt, String approvedBy,
            Instant approvedAt, Instant retiredAt, Instant updatedAt, RunbookContent content) {

        static VersionJson of(RunbookVersion v) {
            return new VersionJson(v.runbookId(), v.teamId(), v.version(), v.status(), v.revision(), v.contentHash(),
                    v.authoredBy(), v.authors(), v.submittedAt(), v.approvedBy(), v.approvedAt(), v.retiredAt(),
                    v.updatedAt(), v.content());
        }
    }

    /** A runbook with every version; {@code etag} is its latest version's, which a DELETE names. */
    record RunbookJson(String id, String teamId, String createdBy, Instant createdAt, Integer approvedVersion,
            String etag, List<VersionJson> versions) {

        static RunbookJson of(Runbook runbook) {
            return new RunbookJson(runbook.id(), runbook.teamId(), runbook.createdBy(), runbook.createdAt(),
                    runbook.approved().map(RunbookVersion::version).orElse(null), runbook.latest().etag(),
                    runbook.versions().stream().map(VersionJson::of).toList());
        }
    }

    @Operation(summary = "Create a runbook", description = "Stores version 1 as a DRAFT. A responder may create runbooks "
            + "only for a team they belong to.")
    @Access.AuthorRunbook
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionJson> create(@RequestBody RunbookDefinition request, Authentication caller) {
        List<Violation> violations = new ArrayList<>();
        if (request.id() == null || !request.id().matches(Slug.PATTERN)) {
            violations.add(new Violation("id", "must be a slug: lower-case letters, digits and '-', at most 63 characters"));
        }
        if (request.teamId() == null || !request.teamId().matches(Slug.PATTERN)) {
            violations.add(new Violation("teamId", "must be the id of the owning team"));
        }
        RunbookContent content = content(request, violations);
        requireMayAuthor(caller, request.teamId());
        RunbookVersion draft = runbooks.create(request.id(), request.teamId(), content, caller.getName());
        return ResponseEntity.created(URI.create(versionPath(draft))).eTag(draft.etag()).body(VersionJson.of(draft));
    }

    @Operation(summary = "List runbooks", description = "Ordered by id; optionally only a team's, and only those with a "
            + "version in the given status.")
    @Access.Read
    @GetMapping(BASE)
    ItemPage<RunbookSummary> list(@RequestParam(required = false) String team,
            @RequestParam(required = false) RunbookStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return runbooks.list(team, status, page, size);
    }

    @Operation(summary = "Get a runbook with all its versions")
    @Access.Read
    @GetMapping(BASE + "/{id}")
    ResponseEntity<RunbookJson> get(@PathVariable String id) {
        Runbook runbook = find(id);
        return ResponseEntity.ok().eTag(runbook.latest().etag()).body(RunbookJson.of(runbook));
    }

    @Operation(summary = "Delete a runbook that never left draft", description = "If-Match: the latest version's ETag. "
            + "Nothing is published: nothing of it ever was.")
    @Access.AuthorRunbook
    @DeleteMapping(BASE + "/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication caller) {
        String etag = IfMatch.require(ifMatch, BASE + "/" + id);
        requireMayAuthor(caller, find(id).teamId());
        runbooks.delete(id, etag);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Get one version of a runbook")
    @Access.Read
    @GetMapping(BASE + "/{id}/versions/{version}")
    ResponseEntity<VersionJson> getVersion(@PathVariable String id, @PathVariable int version) {
        RunbookVersion found = find(id).versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new RunbookNotFound(id, version));
        return ResponseEntity.ok().eTag(found.etag()).body(VersionJson.of(found));
    }

    @Operation(summary = "Replace a draft's content", description = "Only a DRAFT changes (409 otherwise); If-Match required.")
    @Access.AuthorRunbook
    @PutMapping(path = BASE + "/{id}/versions/{version}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionJson> edit(@PathVariable String id, @PathVariable int version, @RequestBody RunbookDefinition request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        String etag = versionEtag(ifMatch, id, version);
        Runbook runbook = find(id);
        RunbookContent content = content(request, sameRunbook(request, runbook));
        requireMayAuthor(caller, runbook.teamId());
        return answer(runbooks.edit(id, version, etag, content, caller.getName()));
    }

    @Operation(summary = "Start a new version", description = "A DRAFT numbered after the latest; refused (409) while "
            + "another version is a draft or in review. The approved version keeps running until the new one is approved.")
    @Access.AuthorRunbook
    @PostMapping(path = BASE + "/{id}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionJson> newVersion(@PathVariable String id, @RequestBody RunbookDefinition request, Authentication caller) {
        Runbook runbook = find(id);
        RunbookContent content = content(request, sameRunbook(request, runbook));
        requireMayAuthor(caller, runbook.teamId());
        RunbookVersion draft = runbooks.newVersion(id, content, caller.getName());
        return ResponseEntity.created(URI.create(versionPath(draft))).eTag(draft.etag()).body(VersionJson.of(draft));
    }

    @Operation(summary = "Submit a draft for review", description = "Fixes its content hash; the content no longer changes "
            + "unless a reviewer requests changes.")
    @Access.AuthorRunbook
    @PostMapping(BASE + "/{id}/versions/{version}/submit")
    ResponseEntity<VersionJson> submit(@PathVariable String id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        String etag = versionEtag(ifMatch, id, version);
        requireMayAuthor(caller, find(id).teamId());
        return answer(runbooks.submit(id, version, etag));
    }

    @Operation(summary = "Approve a version in review", description = "Ops-admins only, never the version's authors (403). "
            + "Retires the version approved before, and publishes both on runbooks.v1.")
    @Access.ReviewRunbook
    @PostMapping(BASE + "/{id}/versions/{version}/approve")
    ResponseEntity<VersionJson> approve(@PathVariable String id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        String etag = versionEtag(ifMatch, id, version);
        return answer(runbooks.approve(id, version, etag, caller.getName()));
    }

    @Operation(summary = "Send a version in review back to draft")
    @Access.ReviewRunbook
    @PostMapping(BASE + "/{id}/versions/{version}/request-changes")
    ResponseEntity<VersionJson> requestChanges(@PathVariable String id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        String etag = versionEtag(ifMatch, id, version);
        return answer(runbooks.requestChanges(id, version, etag));
    }

    @Operation(summary = "Retire the approved version", description = "It may no longer run; published on runbooks.v1 as RETIRED.")
    @Access.AuthorRunbook
    @PostMapping(BASE + "/{id}/versions/{version}/retire")
    ResponseEntity<VersionJson> retire(@PathVariable String id, @PathVariable int version,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        String etag = versionEtag(ifMatch, id, version);
        requireMayAuthor(caller, find(id).teamId());
        return answer(runbooks.retire(id, version, etag));
    }

    @Operation(summary = "Re-publish every runbook", description = "Enqueues on runbooks.v1 the current state of every runbook "
            + "with an approved or retired version, so that a new consumer can rebuild its view.")
    @Access.Administer
    @PostMapping("/api/v1/admin/republish-runbooks")
    ResponseEntity<Map<String, Integer>> republish() {
        return ResponseEntity.accepted().body(Map.of("enqueued", runbooks.republishAll()));
    }

    /** The If-Match a change of one version must carry (428 without it). */
    private static String versionEtag(String ifMatch, String id, int version) {
        return IfMatch.require(ifMatch, BASE + "/" + id + "/versions/" + version);
    }

    private Runbook find(String id) {
        return runbooks.find(id).orElseThrow(() -> new RunbookNotFound(id));
    }

    /** The content, or {@link InvalidRunbook} listing every violation (those found so far and the content's own). */
    private static RunbookContent content(RunbookDefinition request, List<Violation> violations) {
        RunbookContent content = request.toContent(violations);
        if (!violations.isEmpty()) {
            violations.addAll(RunbookRules.validate(content));
            throw new InvalidRunbook(violations);
        }
        return content;
    }

    /** A version body may repeat the runbook's id and team, but not name others: a runbook never changes team. */
    private static List<Violation> sameRunbook(RunbookDefinition request, Runbook runbook) {
        List<Violation> violations = new ArrayList<>();
        if (request.id() != null && !request.id().equals(runbook.id())) {
            violations.add(new Violation("id", "must be the runbook's id '" + runbook.id() + "' or left out"));
        }
        if (request.teamId() != null && !request.teamId().equals(runbook.teamId())) {
            violations.add(new Violation("teamId", "must be the runbook's team '" + runbook.teamId() + "' or left out"));
        }
        return violations;
    }

    private void requireMayAuthor(Authentication caller, String teamId) {
        if (!Access.isOpsAdmin(caller) && !memberships.isMember(caller.getName(), teamId)) {
            throw new NotInOwningTeam(caller.getName(), teamId);
        }
    }

    private static ResponseEntity<VersionJson> answer(RunbookVersion version) {
        return ResponseEntity.ok().eTag(version.etag()).body(VersionJson.of(version));
    }

    private static String versionPath(RunbookVersion version) {
        return BASE + "/" + version.runbookId() + "/versions/" + version.version();
    }
}
