package io.ownwatch.router.remediation.web;

import io.ownwatch.router.incident.IncidentAlreadyResolved;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.ownership.TeamMemberships;
import io.ownwatch.router.remediation.RunbookNotApplicable;
import io.ownwatch.router.remediation.UnknownRunbook;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns remediation failures into RFC 9457 problem details naming the field; never a stack trace. */
@RestControllerAdvice(basePackageClasses = RemediationProblems.class)
class RemediationProblems {

    private static final Logger log = LoggerFactory.getLogger(RemediationProblems.class);
    private static final String TYPE_BASE = "https://ownwatch.io/problems/";

    @ExceptionHandler(IncidentNotFound.class)
    ProblemDetail notFound(IncidentNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found", e.getMessage());
    }

    @ExceptionHandler(IncidentAlreadyResolved.class)
    ProblemDetail alreadyResolved(IncidentAlreadyResolved e) {
        return problem(HttpStatus.CONFLICT, "incident-resolved", "Incident already resolved",
                e.getMessage() + "; nothing was requested.");
    }

    @ExceptionHandler(UnknownRunbook.class)
    ProblemDetail unknownRunbook(UnknownRunbook e) {
        return fieldProblem(HttpStatus.BAD_REQUEST, "unknown-runbook", "Unknown runbook", e.getMessage(),
                "no approved runbook has this id");
    }

    @ExceptionHandler(RunbookNotApplicable.class)
    ProblemDetail notApplicable(RunbookNotApplicable e) {
        return fieldProblem(HttpStatus.UNPROCESSABLE_CONTENT, "runbook-not-applicable", "Runbook not applicable",
                e.getMessage(), "does not apply to this incident");
    }

    @ExceptionHandler(TeamMemberships.MembershipUnknown.class)
    ProblemDetail membershipUnknown(TeamMemberships.MembershipUnknown e) {
        log.warn("Remediation request refused: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "membership-unavailable", "Team membership unavailable",
                "The ownership registry could not confirm your team membership; nothing was requested. Try again later.");
    }

    private static ProblemDetail fieldProblem(HttpStatus status, String type, String title, String detail,
            String message) {
        ProblemDetail problem = problem(status, type, title, detail);
        problem.setProperty("errors", List.of(Map.of("field", "runbookId", "message", message)));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
