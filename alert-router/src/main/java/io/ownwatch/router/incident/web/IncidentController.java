package io.ownwatch.router.incident.web;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.Incidents;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The router's incidents, read-only: the timeline service holds their history. Any person with an
 * Ownwatch role may read them; ingest (under /api/v1/integrations) is open until integration keys.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class IncidentController {

    private final Incidents incidents;

    IncidentController(Incidents incidents) {
        this.incidents = incidents;
    }

    @GetMapping("/{id}")
    ResponseEntity<?> incident(@PathVariable UUID id) {
        return incidents.findById(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No incident " + id);
                    problem.setType(URI.create("https://ownwatch.io/problems/incident-not-found"));
                    problem.setTitle("Incident not found");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }

    /** Incidents of one alert identity, newest first. */
    @GetMapping(params = "dedupKey")
    List<Incident> byDedupKey(@RequestParam String dedupKey) {
        return incidents.findByDedupKey(dedupKey);
    }
}
