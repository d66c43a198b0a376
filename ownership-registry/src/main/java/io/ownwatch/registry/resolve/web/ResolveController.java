package io.ownwatch.registry.resolve.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.ownership.AlertSubject;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.resolve.OwnershipMatcher;
import io.ownwatch.registry.runbook.RiskClass;
import io.ownwatch.registry.runbook.RunbookMode;
import io.ownwatch.registry.runbook.jdbc.Runbooks;
import io.ownwatch.registry.team.Team;
import io.ownwatch.registry.team.Teams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ResolveController {

    private final OwnedServices services;
    private final Teams teams;
    private final Runbooks runbooks;

    ResolveController(OwnedServices services, Teams teams, Runbooks runbooks) {
        this.services = services;
        this.teams = teams;
        this.runbooks = runbooks;
    }

    /**
     * An alert's labels and, when known, its Kubernetes coordinates; coordinates not given are read
     * from the labels {@code cluster}, {@code namespace} and {@code deployment} (or {@code workload}).
     */
    record ResolveRequest(@NotNull Map<String, String> labels, String cluster, String namespace, String workload) {
    }

    /**
     * Who owns an alert, by the precedence of {@link OwnershipMatcher}, and the approved runbook versions that
     * apply to it (see {@link io.ownwatch.registry.runbook.RunbookVersion#appliesTo}), ordered by runbook id.
     */
    record Resolution(String serviceId, String serviceName, String teamId, String teamName,
            String escalationPolicyId, List<ApplicableRunbook> runbooks) {
    }

    /** An approved runbook version that may be run for the alert; {@code contentHash} is what a run request names. */
    record ApplicableRunbook(String id, int version, String contentHash, RunbookMode mode, RiskClass riskClass, String title) {
    }

    /** Thrown when no service's matchers all match the labels. */
    static class NoOwner extends RuntimeException {

        NoOwner(Map<String, String> labels) {
            super("No service's label matchers all match the labels " + labels + ".");
        }
    }

    @Access.Resolve
    @PostMapping(path = "/api/v1/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    Resolution resolve(@Valid @RequestBody ResolveRequest request) {
        OwnedService service = OwnershipMatcher.bestMatch(
                        AlertSubject.of(request.labels(), request.cluster(), request.namespace(), request.workload()), services.all())
                .orElseThrow(() -> new NoOwner(request.labels()));
        // The foreign key guarantees the team exists; the fallback only covers a concurrent deletion.
        String teamName = teams.find(service.teamId()).map(Team::name).orElse(service.teamId());
        List<ApplicableRunbook> applicable = runbooks.approved().stream()
                .filter(v -> v.appliesTo(service.id(), service.teamId(), request.labels()))
                .map(v -> new ApplicableRunbook(v.runbookId(), v.version(), v.contentHash(), v.content().mode(),
                        v.content().riskClass(), v.content().title()))
                .toList();
        return new Resolution(service.id(), service.name(), service.teamId(), teamName, service.escalationPolicyId(),
                applicable);
    }

    @ExceptionHandler
    ProblemDetail noOwner(NoOwner ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/no-owner"));
        problem.setTitle("No service owns this alert");
        return problem;
    }
}
