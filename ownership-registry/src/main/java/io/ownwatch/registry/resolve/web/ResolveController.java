package io.ownwatch.registry.resolve.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.ownership.AlertSubject;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.resolve.OwnershipMatcher;
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

    ResolveController(OwnedServices services, Teams teams) {
        this.services = services;
        this.teams = teams;
    }

    /**
     * An alert's labels and, when known, its Kubernetes coordinates; coordinates not given are read
     * from the labels {@code cluster}, {@code namespace} and {@code deployment} (or {@code workload}).
     */
    record ResolveRequest(@NotNull Map<String, String> labels, String cluster, String namespace, String workload) {
    }

    /**
     * Who owns an alert, by the precedence of {@link OwnershipMatcher}. {@code runbooks} stays empty
     * until the registry holds runbooks; it is in the contract now so that callers do not change.
     */
    record Resolution(String serviceId, String serviceName, String teamId, String teamName,
            String escalationPolicyId, List<String> runbooks) {
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
        return new Resolution(service.id(), service.name(), service.teamId(), teamName, service.escalationPolicyId(),
                List.of());
    }

    @ExceptionHandler
    ProblemDetail noOwner(NoOwner ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/no-owner"));
        problem.setTitle("No service owns this alert");
        return problem;
    }
}
