package io.ownwatch.router.remediation.web;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.ownership.TeamMemberships;
import io.ownwatch.router.remediation.RemediationRequest;
import io.ownwatch.router.remediation.RemediationRequests;
import io.ownwatch.router.remediation.RemediationTrigger;
import io.ownwatch.router.remediation.Runbook;
import io.ownwatch.router.remediation.RunbookMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Remediations of an incident. Any person with an Ownwatch role sees which approved runbooks apply and what was
 * requested; ops-admins (any incident) and responders of the incident's team (membership as the ownership-registry
 * says, asked before the transaction opens) may ask for one. The request goes to the executor, which checks policy
 * and, for needs-approval runbooks, waits for a second person.
 */
@RestController
@RequestMapping("/api/v1/incidents/{id}/remediations")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class RemediationController {

    private static final String OPS_ADMIN = "ROLE_OPS_ADMIN";
    private static final String RESPONDER = "ROLE_RESPONDER";

    private final RemediationTrigger trigger;
    private final TeamMemberships memberships;

    RemediationController(RemediationTrigger trigger, TeamMemberships memberships) {
        this.trigger = trigger;
        this.memberships = memberships;
    }

    /**
     * A runbook a responder may ask for on this incident, whatever its trigger level; {@code triggerAtLevel} says when
     * an automatic one is requested without being asked (1: when the incident opens, N: when level N is paged).
     */
    record Offered(String runbookId, int version, String title, RunbookMode mode, String contentHash,
            List<String> parameters, int triggerAtLevel) {

        static Offered of(Runbook runbook) {
            return new Offered(runbook.runbookId(), runbook.version(), runbook.title(), runbook.mode(),
                    runbook.contentHash(), runbook.parameters().stream().map(p -> p.name()).toList(),
                    runbook.triggerAtLevel());
        }
    }

    record Remediations(UUID incidentId, List<Offered> runbooks, List<RemediationRequests.RequestState> requests) {
    }

    record RemediationAsk(@NotBlank @Size(max = 200) String runbookId, @Size(max = 1000) String reason) {
    }

    record Requested(String requestId, UUID incidentId, String runbookId, int runbookVersion, String contentHash,
            Map<String, String> parameters, String requestedBy, Instant requestedAt, String state) {

        static Requested of(RemediationRequest request) {
            return new Requested(request.requestId(), request.incidentId(), request.runbookId(),
                    request.runbookVersion(), request.contentHash(), request.parameters(), request.requestedBy().id(),
                    request.requestedAt(), RemediationRequests.REQUESTED);
        }
    }

    @GetMapping
    Remediations remediations(@PathVariable UUID id) {
        RemediationTrigger.Offer offer = trigger.offer(id);
        return new Remediations(id, offer.runbooks().stream().map(Offered::of).toList(), offer.requests());
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Requested request(@PathVariable UUID id, @Valid @RequestBody RemediationAsk ask, Authentication caller) {
        return Requested.of(trigger.requestByPerson(id, ask.runbookId().strip(), caller.getName(), ask.reason(),
                mayAct(caller)));
    }

    /** The incident API's rule: ops-admins act on every incident, responders on their teams' incidents. */
    private Consumer<Incident> mayAct(Authentication caller) {
        if (has(caller, OPS_ADMIN)) {
            return incident -> {
            };
        }
        if (!has(caller, RESPONDER)) {
            return incident -> {
                throw new AccessDeniedException("role");
            };
        }
        Set<String> teams = memberships.teamsOf(caller.getName());
        return incident -> {
            if (!teams.contains(incident.teamId())) {
                throw new AccessDeniedException(caller.getName() + " is not in team " + incident.teamId());
            }
        };
    }

    private static boolean has(Authentication caller, String authority) {
        return caller.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
