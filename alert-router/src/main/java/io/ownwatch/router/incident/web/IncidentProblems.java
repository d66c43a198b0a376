package io.ownwatch.router.incident.web;

import io.ownwatch.router.incident.AlertHeldElsewhere;
import io.ownwatch.router.incident.IncidentAlreadyResolved;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.incident.IncidentNotResolved;
import io.ownwatch.router.incident.ReopenWindowClosed;
import io.ownwatch.router.ownership.KnownTeams;
import io.ownwatch.router.ownership.TeamMemberships;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns incident failures into RFC 9457 problem details; never a stack trace. */
@RestControllerAdvice(basePackageClasses = IncidentProblems.class)
class IncidentProblems {

    private static final Logger log = LoggerFactory.getLogger(IncidentProblems.class);
    private static final String TYPE_BASE = "https://ownwatch.io/problems/";

    @ExceptionHandler(IncidentNotFound.class)
    ProblemDetail notFound(IncidentNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found", e.getMessage());
    }

    @ExceptionHandler(IncidentAlreadyResolved.class)
    ProblemDetail alreadyResolved(IncidentAlreadyResolved e) {
        return problem(HttpStatus.CONFLICT, "incident-resolved", "Incident already resolved",
                e.getMessage() + "; if its alerts fire again they open a new incident, unless a responder reopens it"
                        + " (POST /api/v1/incidents/{id}/reopen) within the reopen window.");
    }

    @ExceptionHandler(IncidentNotResolved.class)
    ProblemDetail notResolved(IncidentNotResolved e) {
        return problem(HttpStatus.CONFLICT, "incident-not-resolved", "Incident not resolved",
                e.getMessage() + "; only a resolved incident can be reopened.");
    }

    @ExceptionHandler(ReopenWindowClosed.class)
    ProblemDetail reopenWindowClosed(ReopenWindowClosed e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "reopen-window-closed", "Reopen window closed",
                e.getMessage() + "; if the problem is back, its next alert opens a new incident.");
        problem.setProperty("reopenWindow", e.window().toString());
        return problem;
    }

    @ExceptionHandler(AlertHeldElsewhere.class)
    ProblemDetail alertHeldElsewhere(AlertHeldElsewhere e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "alert-held-by-open-incident",
                "Alert held by an open incident", e.getMessage() + "; work on that incident instead.");
        problem.setProperty("incidentId", e.holder().toString());
        problem.setProperty("dedupKey", e.dedupKey());
        return problem;
    }

    @ExceptionHandler(UnknownTeam.class)
    ProblemDetail unknownTeam(UnknownTeam e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unknown-team", "Unknown team",
                "'teamId' " + e.getMessage() + "; nothing was changed.");
        problem.setProperty("errors", List.of(Map.of("field", "teamId", "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(KnownTeams.TeamsUnknown.class)
    ResponseEntity<ProblemDetail> teamsUnknown(KnownTeams.TeamsUnknown e) {
        log.warn("Reassignment refused: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "registry-unavailable", "Ownership registry unavailable",
                        "The ownership registry could not confirm that the team exists; nothing was changed. "
                                + "Try again later."));
    }

    @ExceptionHandler(TeamMemberships.MembershipUnknown.class)
    ProblemDetail membershipUnknown(TeamMemberships.MembershipUnknown e) {
        log.warn("Responder action refused: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "membership-unavailable", "Team membership unavailable",
                "The ownership registry could not confirm your team membership; nothing was changed. Try again later.");
    }

    @ExceptionHandler(InvalidIncidentQuery.class)
    ProblemDetail invalidQuery(InvalidIncidentQuery e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "'" + e.field() + "' " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
