package io.ownwatch.registry.bundle.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.bundle.BundleTooLarge;
import io.ownwatch.registry.bundle.InvalidBundle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The import's problems as RFC 9457 problem details: every error of a bundle in one answer, by file and line. */
@RestControllerAdvice(basePackages = "io.ownwatch.registry.bundle.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblems {

    static final URI INVALID_BUNDLE = URI.create("https://ownwatch.io/problems/invalid-bundle");

    @ExceptionHandler
    ProblemDetail invalid(InvalidBundle ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setType(INVALID_BUNDLE);
        problem.setTitle("Invalid bundle");
        List<Map<String, Object>> errors = ex.errors().stream().map(error -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", error.file());
            entry.put("line", error.line());
            entry.put("column", error.column());
            entry.put("field", error.field());
            entry.put("message", error.message());
            return entry;
        }).toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail tooLarge(BundleTooLarge ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/bundle-too-large"));
        problem.setTitle("Bundle too large");
        return problem;
    }
}
