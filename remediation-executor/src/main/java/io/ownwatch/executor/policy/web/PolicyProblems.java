package io.ownwatch.executor.policy.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns policy API failures into RFC 9457 problem details, shaped like the edge's validation problems. */
@RestControllerAdvice(basePackageClasses = PolicyProblems.class)
class PolicyProblems {

    @ExceptionHandler(InvalidKillSwitchScope.class)
    ProblemDetail invalidScope(InvalidKillSwitchScope e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'scope' " + e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "scope", "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(PolicyEntryNotFound.class)
    ProblemDetail notFound(PolicyEntryNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/policy-entry-not-found"));
        problem.setTitle("Policy entry not found");
        return problem;
    }
}
