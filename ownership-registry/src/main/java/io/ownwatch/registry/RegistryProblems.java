package io.ownwatch.registry;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The two failures every registry feature shares, as problem details; feature-specific ones stay with their controller. */
@RestControllerAdvice
class RegistryProblems {

    @ExceptionHandler
    ProblemDetail notFound(NotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", ex.title(), ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail alreadyExists(AlreadyExists ex) {
        return problem(HttpStatus.CONFLICT, "conflict", ex.title(), ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ownwatch.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
