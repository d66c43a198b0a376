package io.ownwatch.router.incident.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentAlert;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.incident.IncidentResponse;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.ownership.KnownTeams;
import io.ownwatch.router.ownership.TeamMemberships;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The responder API. Any person with an Ownwatch role may read incidents. Acknowledging, resolving and reassigning
 * are for ops-admins (any incident) and responders (incidents of their own teams, membership as the
 * ownership-registry says); support may add notes to any incident, responders to their teams'. Every action is on
 * the incident's timeline with the person as actor.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class IncidentController {

    private static final String OPS_ADMIN = "ROLE_OPS_ADMIN";
    private static final String SUPPORT = "ROLE_SUPPORT";
    private static final String RESPONDER = "ROLE_RESPONDER";

    private final Incidents incidents;
    private final IncidentResponse response;
    private final TeamMemberships memberships;
    private final KnownTeams teams;

    IncidentController(Incidents incidents, IncidentResponse response, TeamMemberships memberships, KnownTeams teams) {
        this.incidents = incidents;
        this.response = response;
        this.memberships = memberships;
        this.teams = teams;
    }

    /** An incident with the alerts it holds. */
    record IncidentDetails(@JsonUnwrapped Incident incident, List<IncidentAlert> alerts) {
    }

    record NoteRequest(@NotBlank @Size(max = 4000) String text) {
    }

    record ReassignRequest(@NotBlank @Size(max = 200) String teamId, @Size(max = 1000) String reason) {
    }

    record ReopenRequest(@Size(max = 1000) String reason) {
    }

    @GetMapping("/{id}")
    IncidentDetails incident(@PathVariable UUID id) {
        Incident incident = incidents.findById(id).orElseThrow(() -> new IncidentNotFound(id));
        return new IncidentDetails(incident, incidents.alertsOf(id));
    }

    /** Incidents that held an alert with this dedup key, newest first. */
    @GetMapping(params = "dedupKey")
    List<Incident> byDedupKey(@RequestParam String dedupKey) {
        return incidents.findByDedupKey(dedupKey);
    }

    /** Incidents, newest first, filtered by every parameter given; {@code from}/{@code to} bound the opening time. */
    @GetMapping
    Incidents.IncidentPage list(@RequestParam(required = false) IncidentStatus status,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String serviceId,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidIncidentQuery("to", "must be after from");
        }
        return incidents.search(new Incidents.IncidentQuery(status, teamId, serviceId, severity, from, to, page, size));
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    Incident acknowledge(@PathVariable UUID id, Authentication caller) {
        return response.acknowledge(id, caller.getName(), mayAct(caller, false));
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    Incident resolve(@PathVariable UUID id, Authentication caller) {
        return response.resolve(id, caller.getName(), mayAct(caller, false));
    }

    /** Reopens a resolved incident within the reopen window; the body and its reason are optional. */
    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    Incident reopen(@PathVariable UUID id, @Valid @RequestBody(required = false) ReopenRequest request,
            Authentication caller) {
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        return response.reopen(id, caller.getName(), reason, mayAct(caller, false));
    }

    @PostMapping("/{id}/notes")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT')")
    Incident addNote(@PathVariable UUID id, @Valid @RequestBody NoteRequest note, Authentication caller) {
        return response.addNote(id, caller.getName(), note.text().strip(), mayAct(caller, true));
    }

    @PostMapping("/{id}/reassign")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    Incident reassign(@PathVariable UUID id, @Valid @RequestBody ReassignRequest request, Authentication caller) {
        Consumer<Incident> mayAct = mayAct(caller, false);
        String teamId = request.teamId().strip();
        // Asked before the incident is locked: a slow registry never holds the lock.
        if (!teams.exists(teamId)) {
            throw new UnknownTeam(teamId);
        }
        return response.reassign(id, caller.getName(), teamId, request.reason(), mayAct);
    }

    /**
     * The access rule, checked on the locked incident. A responder's teams are asked of the registry before the
     * transaction opens, so a slow registry never holds the incident's lock.
     */
    private Consumer<Incident> mayAct(Authentication caller, boolean supportMay) {
        if (has(caller, OPS_ADMIN) || (supportMay && has(caller, SUPPORT))) {
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
