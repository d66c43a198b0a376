package io.ownwatch.router.integration.web;

import io.ownwatch.router.integration.IntegrationAlreadyRevoked;
import io.ownwatch.router.integration.IntegrationNameTaken;
import io.ownwatch.router.integration.IntegrationNotFound;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The integration API's refusals as RFC 9457 problem details; validation of the request body is left to the
 * shared advice of the edge module. Ordered first so that edge's catch-all never turns these into a 500.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = IntegrationProblems.class)
class IntegrationProblems {

    private static final String TYPE_BASE = "https://ownwatch.io/problems/";

    @ExceptionHandler(IntegrationNotFound.class)
    ProblemDetail notFound(IntegrationNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "integration-not-found", "Integration not found", e.getMessage());
    }

    @ExceptionHandler(IntegrationNameTaken.class)
    ProblemDetail nameTaken(IntegrationNameTaken e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "integration-name-taken", "Integration name taken", e.getMessage());
        problem.setProperty("field", "name");
        return problem;
    }

    @ExceptionHandler(IntegrationAlreadyRevoked.class)
    ProblemDetail alreadyRevoked(IntegrationAlreadyRevoked e) {
        return problem(HttpStatus.CONFLICT, "integration-already-revoked", "Integration already revoked", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
