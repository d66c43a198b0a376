package io.ownwatch.registry.coverage.web;

import java.time.Duration;
import java.time.Instant;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.coverage.Coverage;
import io.ownwatch.registry.coverage.CoverageReport;
import io.ownwatch.registry.coverage.jdbc.RegistrySnapshots;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The coverage report over HTTP: read-only, so every role may ask. */
@RestController
class CoverageController {

    /** Longer horizons mostly measure rotations nobody has planned yet, and cost a schedule walk per day. */
    static final int MAX_DAYS = 90;

    private final RegistrySnapshots snapshots;

    CoverageController(RegistrySnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Findings from now over the next {@code days} days (default 14, 1 to 90). */
    @Access.Read
    @GetMapping("/api/v1/coverage")
    CoverageReport coverage(@RequestParam(defaultValue = "14") @Min(1) @Max(MAX_DAYS) int days) {
        return Coverage.report(snapshots.take(Instant.now()), Duration.ofDays(days));
    }
}
