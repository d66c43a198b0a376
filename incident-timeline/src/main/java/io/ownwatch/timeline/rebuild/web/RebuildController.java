package io.ownwatch.timeline.rebuild.web;

import java.net.URI;

import io.ownwatch.timeline.rebuild.Rebuild;
import io.ownwatch.timeline.rebuild.RebuildAlreadyRunning;
import io.ownwatch.timeline.rebuild.RebuildStatus;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilding the timeline is for ops admins only: while it runs, every reader sees a partial store. */
@RestController
@RequestMapping("/api/v1/admin/rebuild")
@PreAuthorize("hasRole('OPS_ADMIN')")
class RebuildController {

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Operation(summary = "Rebuilds the store and the projection from the topic's beginning", description = """
            Truncates the timeline and the incidents, then replays incident.timeline.v1 from offset 0 up to the end \
            offsets captured at the start; live consumption carries on. Answers 202 with the status to poll at \
            GET /api/v1/admin/rebuild, 409 while a rebuild is running. MTTA/MTTR histograms are not recorded again.""")
    @PostMapping
    ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuild")).body(rebuild.start());
    }

    @GetMapping
    RebuildStatus status() {
        return rebuild.status();
    }

    @ExceptionHandler
    ProblemDetail running(RebuildAlreadyRunning ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/rebuild-running"));
        problem.setTitle("Rebuild already running");
        return problem;
    }
}
