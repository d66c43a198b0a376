package io.ownwatch.router.incident.web;

import io.ownwatch.router.incident.IncidentAlreadyResolved;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.ownership.TeamMemberships;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
                e.getMessage() + "; if its alerts fire again they open a new incident.");
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
