package io.ownwatch.registry;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The failures of changing and deleting versioned resources, shared by people, teams and escalation policies. */
@RestControllerAdvice
// Before the edge's catch-all advice (LOWEST_PRECEDENCE), whatever order the two beans are registered in.
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ChangeProblems {

    @ExceptionHandler
    ProblemDetail preconditionRequired(IfMatch.Required ex) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail stale(ChangedMeanwhile ex) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Changed meanwhile", ex.getMessage());
    }

    /** 409 with {@code referencedBy: [{type, id}]}, so a tool can list what to change first. */
    @ExceptionHandler
    ProblemDetail inUse(InUse ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "in-use", "Still referenced", ex.getMessage());
        problem.setProperty("referencedBy", ex.references());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ownwatch.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
