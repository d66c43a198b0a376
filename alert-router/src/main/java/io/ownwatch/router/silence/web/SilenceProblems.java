package io.ownwatch.router.silence.web;

import io.ownwatch.router.silence.InvalidSilence;
import io.ownwatch.router.silence.SilenceNotFound;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns silence failures into RFC 9457 problem details, shaped like the edge's validation problems. */
@RestControllerAdvice(basePackageClasses = SilenceProblems.class)
class SilenceProblems {

    @ExceptionHandler(InvalidSilence.class)
    ProblemDetail invalid(InvalidSilence e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.field() + "' " + e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(SilenceNotFound.class)
    ProblemDetail notFound(SilenceNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/silence-not-found"));
        problem.setTitle("Silence not found");
        return problem;
    }
}
