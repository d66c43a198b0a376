package io.ownwatch.registry.ownership.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.NotAMemberOfOwningTeam;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.ownership.SelectorTie;
import io.ownwatch.registry.ownership.ServiceNotFound;
import io.ownwatch.registry.ownership.ServiceVersionMismatch;
import io.ownwatch.registry.ownership.UnknownEscalationPolicy;
import io.ownwatch.registry.ownership.UnknownTeam;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Services over HTTP. Changes use optimistic locking: every answer carries {@code ETag: "<version>"},
 * and PUT and DELETE require {@code If-Match} with the version the caller read (428 without it, 412
 * when someone changed the service meanwhile).
 */
@RestController
class ServiceController {

    private static final String SLUG_MESSAGE = "must be a slug: lower-case letters, digits and '-', at most 63 characters";
    private static final String GLOB = "[A-Za-z0-9*._:-]{0,253}";
    private static final String GLOB_MESSAGE = "must be a glob of letters, digits, '.', '_', ':', '-' and the wildcard '*'";

    private final OwnedServices services;
    private final Memberships memberships;

    ServiceController(OwnedServices services, Memberships memberships) {
        this.services = services;
        this.memberships = memberships;
    }

    @ServiceDefinition.ConstrainsSomething
    record CreateService(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String teamId,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String> secondaryTeamIds,
            @Size(max = 50) String tier,
            @Size(max = 200) String escalationPolicyId,
            @Size(max = 50) List<@NotNull @Valid Matcher> labelMatchers,
            @Size(max = 50) List<@NotNull @Valid Selector> kubernetes) implements ServiceDefinition {
    }

    /** A full replacement: every field not given is cleared. The id is the path's. */
    @ServiceDefinition.ConstrainsSomething
    record ReplaceService(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String teamId,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String> secondaryTeamIds,
            @Size(max = 50) String tier,
            @Size(max = 200) String escalationPolicyId,
            @Size(max = 50) List<@NotNull @Valid Matcher> labelMatchers,
            @Size(max = 50) List<@NotNull @Valid Selector> kubernetes) implements ServiceDefinition {
    }

    @CompilableRegex
    record Matcher(@NotBlank @Size(max = 100) String label, @NotNull MatchOp op, @NotNull @Size(max = 1000) String value) {
    }

    /** Kubernetes coordinates as globs; a missing field means {@code *}. */
    record Selector(@Pattern(regexp = GLOB, message = GLOB_MESSAGE) String cluster,
            @Pattern(regexp = GLOB, message = GLOB_MESSAGE) String namespace,
            @Pattern(regexp = GLOB, message = GLOB_MESSAGE) String workload) {
    }

    /** Ops-admins declare services for any team; a responder only for a team they belong to. */
    @Access.DeclareService
    @PostMapping(path = "/api/v1/services", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnedService> create(@Valid @RequestBody CreateService request, Authentication caller) {
        requireMayChange(caller, request.teamId());
        OwnedService service = services.add(new OwnedService(request.id(), request.name(), request.teamId(),
                secondary(request.secondaryTeamIds(), request.teamId()), request.tier(), request.escalationPolicyId(),
                request.domainMatchers(), request.domainSelectors(), 0));
        return ResponseEntity.created(URI.create("/api/v1/services/" + service.id()))
                .eTag(Long.toString(service.version()))
                .body(service);
    }

    @Access.Read
    @GetMapping("/api/v1/services")
    ItemPage<OwnedService> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return services.list(page, size);
    }

    @Access.Read
    @GetMapping("/api/v1/services/{id}")
    ResponseEntity<OwnedService> get(@PathVariable String id) {
        OwnedService service = services.find(id).orElseThrow(() -> new ServiceNotFound(id));
        return ResponseEntity.ok().eTag(Long.toString(service.version())).body(service);
    }

    /**
     * Replaces the service. A responder must belong to the team owning it now and, on a change of
     * owner, to the new owning team as well: nobody hands a service to, or takes one from, a team
     * they are not in (ops-admins excepted).
     */
    @Access.DeclareService
    @PutMapping(path = "/api/v1/services/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnedService> replace(@PathVariable String id, @Valid @RequestBody ReplaceService request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        long expected = expectedVersion(id, ifMatch);
        OwnedService current = services.find(id).orElseThrow(() -> new ServiceNotFound(id));
        requireMayChange(caller, current.teamId());
        requireMayChange(caller, request.teamId());
        OwnedService service = services.replace(new OwnedService(id, request.name(), request.teamId(),
                secondary(request.secondaryTeamIds(), request.teamId()), request.tier(), request.escalationPolicyId(),
                request.domainMatchers(), request.domainSelectors(), 0), expected);
        return ResponseEntity.ok().eTag(Long.toString(service.version())).body(service);
    }

    @Access.DeclareService
    @DeleteMapping("/api/v1/services/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        long expected = expectedVersion(id, ifMatch);
        OwnedService current = services.find(id).orElseThrow(() -> new ServiceNotFound(id));
        requireMayChange(caller, current.teamId());
        services.remove(id, expected);
        return ResponseEntity.noContent().build();
    }

    /** Enqueues every service's current state on ownership.v1, so that a new consumer can rebuild its view. */
    @Access.Administer
    @PostMapping("/api/v1/admin/republish-ownership")
    ResponseEntity<Map<String, Integer>> republish() {
        return ResponseEntity.accepted().body(Map.of("enqueued", services.republishAll()));
    }

    private void requireMayChange(Authentication caller, String teamId) {
        if (!Access.isOpsAdmin(caller) && !memberships.isMember(caller.getName(), teamId)) {
            throw new NotAMemberOfOwningTeam(caller.getName(), teamId);
        }
    }

    /** Secondary teams without duplicates and without the owner, who is already paged first. */
    private static List<String> secondary(List<String> requested, String owner) {
        if (requested == null) {
            return List.of();
        }
        LinkedHashSet<String> teams = new LinkedHashSet<>(requested);
        teams.remove(owner);
        return List.copyOf(teams);
    }

    /** The version named by If-Match ({@code "3"}, {@code W/"3"} or {@code 3}); an unreadable tag matches no version. */
    private static long expectedVersion(String id, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequired(id);
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** A change without If-Match: the caller must say which version they change, so no update is ever lost. */
    static class PreconditionRequired extends RuntimeException {

        PreconditionRequired(String id) {
            super("Changing service '" + id + "' requires an If-Match header with the ETag you read (GET /api/v1/services/"
                    + id + "), so that no concurrent change is overwritten unseen.");
        }
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ownwatch.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail preconditionRequired(PreconditionRequired ex) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail stale(ServiceVersionMismatch ex) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "The service changed meanwhile", ex.getMessage());
    }

    /** Saving would make some alert ambiguous: 409, naming the other service. */
    @ExceptionHandler
    ProblemDetail tie(SelectorTie ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "selector-tie", "Selectors could tie with another service",
                ex.getMessage());
        problem.setProperty("conflictingServiceId", ex.otherServiceId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notAMember(NotAMemberOfOwningTeam ex) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
    }

    /** The body is well-formed but names an escalation policy that does not exist: 422, naming the field. */
    @ExceptionHandler
    ProblemDetail unknownPolicy(UnknownEscalationPolicy ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", "Unknown escalation policy",
                "'" + ex.field() + "' names no existing escalation policy: " + ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    /** The body is well-formed but names a team that does not exist: 422, naming the field. */
    @ExceptionHandler
    ProblemDetail unknownTeam(UnknownTeam ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-team", "Unknown team",
                "'" + ex.field() + "' names no existing team: " + ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }
}
