package io.ownwatch.registry.ownership.web;

import java.net.URI;
import java.util.List;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.NotAMemberOfOwningTeam;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.ownership.ServiceAlreadyExists;
import io.ownwatch.registry.ownership.ServiceNotFound;
import io.ownwatch.registry.ownership.UnknownTeam;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/services")
class ServiceController {

    private static final String SLUG_MESSAGE = "must be a slug: lower-case letters, digits and '-', at most 63 characters";

    private final OwnedServices services;
    private final Memberships memberships;

    ServiceController(OwnedServices services, Memberships memberships) {
        this.services = services;
        this.memberships = memberships;
    }

    record CreateService(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG_MESSAGE) String teamId,
            @Size(max = 50) String tier,
            @NotEmpty(message = "must contain at least one matcher") @Size(max = 50) List<@NotNull @Valid Matcher> labelMatchers) {
    }

    @CompilableRegex
    record Matcher(@NotBlank @Size(max = 100) String label, @NotNull MatchOp op, @NotNull @Size(max = 1000) String value) {
    }

    /** Ops-admins declare services for any team; a responder only for a team they belong to. */
    @Access.DeclareService
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnedService> create(@Valid @RequestBody CreateService request, Authentication caller) {
        if (!Access.isOpsAdmin(caller) && !memberships.isMember(caller.getName(), request.teamId())) {
            throw new NotAMemberOfOwningTeam(caller.getName(), request.teamId());
        }
        OwnedService service = services.add(new OwnedService(request.id(), request.name(), request.teamId(),
                request.tier(),
                request.labelMatchers().stream().map(m -> new LabelMatcher(m.label(), m.op(), m.value())).toList(),
                0));
        return ResponseEntity.created(URI.create("/api/v1/services/" + service.id())).body(service);
    }

    @Access.Read
    @GetMapping
    ItemPage<OwnedService> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return services.list(page, size);
    }

    @Access.Read
    @GetMapping("/{id}")
    OwnedService get(@PathVariable String id) {
        return services.find(id).orElseThrow(() -> new ServiceNotFound(id));
    }

    @ExceptionHandler
    ProblemDetail notFound(ServiceNotFound ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/not-found"));
        problem.setTitle("Service not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(ServiceAlreadyExists ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/conflict"));
        problem.setTitle("Service already exists");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notAMember(NotAMemberOfOwningTeam ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/forbidden"));
        problem.setTitle("Forbidden");
        return problem;
    }

    /** The body is well-formed but names a team that does not exist: 422, naming the field. */
    @ExceptionHandler
    ProblemDetail unknownTeam(UnknownTeam ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "'teamId' names no existing team: " + ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/unknown-team"));
        problem.setTitle("Unknown team");
        problem.setProperty("errors", List.of(java.util.Map.of("field", "teamId", "message", ex.getMessage())));
        return problem;
    }
}
