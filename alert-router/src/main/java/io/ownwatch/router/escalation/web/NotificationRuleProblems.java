package io.ownwatch.router.escalation.web;

import io.ownwatch.router.escalation.InvalidNotificationRule;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns refused contact rules into RFC 9457 problem details, shaped like the edge's validation problems. */
@RestControllerAdvice(basePackageClasses = NotificationRuleProblems.class)
class NotificationRuleProblems {

    @ExceptionHandler(InvalidNotificationRule.class)
    ProblemDetail invalid(InvalidNotificationRule e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.field() + "' " + e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }
}
