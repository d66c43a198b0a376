package io.ownwatch.executor.run.web;

import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.policy.Severity;
import io.ownwatch.executor.run.Approvals;
import io.ownwatch.executor.run.Run;
import io.ownwatch.executor.run.RunIntake;
import io.ownwatch.executor.run.RunNotFound;
import io.ownwatch.executor.run.RunRequest;
import io.ownwatch.executor.run.RunState;
import io.ownwatch.executor.run.SecretParameters;
import io.ownwatch.executor.run.StepRecord;
import io.ownwatch.executor.run.jdbc.JdbcRuns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs for people: request one ({@code POST /api/v1/runs}: recorded at once, decided by the policy right after),
 * follow it, and approve or reject the ones waiting for a second person. Anyone with a role may ask; the policy
 * decides, and says why when it refuses.
 */
@RestController
@Validated
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class RunController {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private final RunIntake intake;
    private final Approvals approvals;
    private final JdbcRuns runs;
    private final RunbookCatalog catalog;

    RunController(RunIntake intake, Approvals approvals, JdbcRuns runs, RunbookCatalog catalog) {
        this.intake = intake;
        this.approvals = approvals;
        this.runs = runs;
        this.catalog = catalog;
    }

    /** A person's request; the version and content hash are the catalog's current ones, checked again before it runs. */
    record NewRun(
            @Pattern(regexp = ID) String incidentId,
            @NotBlank @Pattern(regexp = ID) String runbookId,
            @NotBlank @Pattern(regexp = ID) String serviceId,
            @Size(max = 50) Map<@NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String,
                    @Size(max = 4096) String> parameters,
            @Pattern(regexp = ID) String cluster,
            @Pattern(regexp = ID) String namespace,
            Severity severity,
            @NotBlank @Size(max = 500) String reason) {
    }

    record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    record StepView(int position, String name, String status, String detail, Instant startedAt, Instant finishedAt) {
    }

    record RunView(UUID id, String requestId, String incidentId, String runbookId, Integer runbookVersion,
            String contentHash, String serviceId, Severity severity, String cluster, String namespace,
            Map<String, String> parameters, String requestedBy, String requestReason, RunState state, String reason,
            String refusedField, boolean shadow, String decidedBy, Instant requestedAt, Instant stateChangedAt,
            Instant startedAt, Instant finishedAt, List<PlannedStep> plan, List<StepView> steps) {
    }

    record Items(List<RunView> items) {
    }

    @PostMapping("/api/v1/runs")
    ResponseEntity<RunView> request(@Valid @RequestBody NewRun body, Authentication caller) {
        Optional<Runbook> current = catalog.runbook(body.runbookId());
        Run run = intake.accept(new RunRequest(UUID.randomUUID().toString(), body.incidentId(), body.runbookId(),
                current.map(Runbook::version).orElse(null), current.map(Runbook::contentHash).orElse(null),
                body.serviceId(), body.severity(), body.cluster(), body.namespace(), body.parameters(),
                person(caller), body.reason(), Instant.now()));
        return ResponseEntity.created(URI.create("/api/v1/runs/" + run.id())).body(view(run));
    }

    @GetMapping("/api/v1/runs")
    Items list(@RequestParam(required = false) RunState state,
            @RequestParam(required = false) @Pattern(regexp = ID) String serviceId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new Items(runs.list(state, serviceId, limit).stream().map(this::view).toList());
    }

    @GetMapping("/api/v1/runs/{id}")
    RunView show(@PathVariable UUID id) {
        return view(runs.find(id).orElseThrow(() -> new RunNotFound(id)));
    }

    @PostMapping("/api/v1/runs/{id}/approve")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    RunView approve(@PathVariable UUID id, @Valid @RequestBody Decision body, Authentication caller) {
        return view(approvals.approve(id, person(caller), body.reason()));
    }

    @PostMapping("/api/v1/runs/{id}/reject")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    RunView reject(@PathVariable UUID id, @Valid @RequestBody Decision body, Authentication caller) {
        return view(approvals.reject(id, person(caller), body.reason()));
    }

    static Requester person(Authentication caller) {
        Set<Requester.Role> roles = EnumSet.noneOf(Requester.Role.class);
        for (GrantedAuthority authority : caller.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                for (Requester.Role role : Requester.Role.values()) {
                    if (role.name().equals(name.substring(5).toUpperCase(Locale.ROOT))) {
                        roles.add(role);
                    }
                }
            }
        }
        return Requester.person(caller.getName(), roles);
    }

    private RunView view(Run run) {
        RunRequest request = run.request();
        Optional<Runbook> runbook = catalog.runbook(request.runbookId());
        Map<String, String> parameters = SecretParameters.masked(request.parameters(),
                runbook.map(Runbook::parameterSchema).orElse(null), runbook.isPresent());
        List<StepView> steps = (run.steps().isEmpty() ? runs.steps(run.id()) : run.steps()).stream()
                .map(RunController::view).collect(Collectors.toList());
        return new RunView(run.id(), request.requestId(), request.incidentId(), request.runbookId(),
                request.runbookVersion(), request.contentHash(), request.serviceId(), request.severity(),
                request.cluster(), request.namespace(), parameters, request.requester().id(), request.reason(),
                run.state(), run.stateReason(), run.refusedField(), run.shadow(), run.decidedBy(), request.requestedAt(),
                run.stateChangedAt(), run.startedAt(), run.finishedAt(), run.plan(), steps);
    }

    private static StepView view(StepRecord step) {
        return new StepView(step.position(), step.name(), step.status(), step.detail(), step.startedAt(),
                step.finishedAt());
    }
}
