package io.ownwatch.edge.audit;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the service's audit trail, newest first, for ops-admins only. */
@RestController
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** A page of audit events. */
    record AuditPage(List<AuditEvent> items, int page, int size) {
    }

    @GetMapping("/api/v1/audit")
    @PreAuthorize("hasRole('OPS_ADMIN')")
    AuditPage list(@RequestParam(required = false) String actor,
            @RequestParam(required = false) Integer outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new AuditPage(trail.find(new AuditTrail.AuditQuery(actor, outcome, from, to, page, size)), page, size);
    }
}
