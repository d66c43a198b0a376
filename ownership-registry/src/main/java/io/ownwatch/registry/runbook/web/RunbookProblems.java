package io.ownwatch.registry.runbook.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.runbook.ApprovalByAuthorRefused;
import io.ownwatch.registry.runbook.InvalidRunbook;
import io.ownwatch.registry.runbook.NotInOwningTeam;
import io.ownwatch.registry.runbook.OpenVersionExists;
import io.ownwatch.registry.runbook.RunbookWasSubmitted;
import io.ownwatch.registry.runbook.StaleRunbookVersion;
import io.ownwatch.registry.runbook.TransitionRefused;
import io.ownwatch.registry.runbook.UnknownRunbookReference;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of the runbook API as RFC 9457 problem details; validation problems carry
 * {@code errors: [{field, message}]} like the edge's own. Not found and already exists are the registry's
 * shared ones.
 */
@RestControllerAdvice(basePackages = "io.ownwatch.registry.runbook.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class RunbookProblems {

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ownwatch.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidRunbook ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", ex.getMessage());
        problem.setProperty("errors", ex.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList());
        return problem;
    }

    /** The body is well-formed but names a team or service that does not exist: 422, naming the field. */
    @ExceptionHandler
    ProblemDetail unknownReference(UnknownRunbookReference ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", "Unknown reference", ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail preconditionRequired(IfMatch.Required ex) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail stale(StaleRunbookVersion ex) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "The runbook version changed meanwhile", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail refused(TransitionRefused ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "runbook-state", "Not allowed in this state", ex.getMessage());
        problem.setProperty("versionStatus", ex.status().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail openVersion(OpenVersionExists ex) {
        return problem(HttpStatus.CONFLICT, "runbook-state", "Another version is open", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail submitted(RunbookWasSubmitted ex) {
        return problem(HttpStatus.CONFLICT, "runbook-state", "Runbook cannot be deleted", ex.getMessage());
    }

    /** Two people see every runbook before it may run: the author's own approval is refused. */
    @ExceptionHandler
    ProblemDetail ownApproval(ApprovalByAuthorRefused ex) {
        return problem(HttpStatus.FORBIDDEN, "author-cannot-approve", "Authors cannot approve their own runbook", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notAMember(NotInOwningTeam ex) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
    }
}
