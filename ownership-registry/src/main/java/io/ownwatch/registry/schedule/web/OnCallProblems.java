package io.ownwatch.registry.schedule.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ownwatch.registry.access.NotAMemberOfTeam;
import io.ownwatch.registry.escalation.EscalationPolicyAlreadyExists;
import io.ownwatch.registry.escalation.EscalationPolicyNotFound;
import io.ownwatch.registry.escalation.InvalidEscalationPolicy;
import io.ownwatch.registry.schedule.InvalidSchedule;
import io.ownwatch.registry.schedule.ScheduleAlreadyExists;
import io.ownwatch.registry.schedule.ScheduleInUse;
import io.ownwatch.registry.schedule.ScheduleNotFound;
import io.ownwatch.registry.schedule.StaleVersion;
import io.ownwatch.registry.schedule.UnknownReference;
import io.ownwatch.registry.team.TeamNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of the on-call APIs (schedules, escalation policies, a team's on-call), as RFC 9457
 * problem details; validation problems carry {@code errors: [{field, message}]} like the edge's own.
 */
@RestControllerAdvice(basePackages = {"io.ownwatch.registry.schedule.web", "io.ownwatch.registry.escalation.web"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class OnCallProblems {

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ownwatch.io/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail invalid(HttpStatus status, String type, String title, String field, String message) {
        ProblemDetail problem = problem(status, type, title, "'" + field + "' " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidSchedule(InvalidSchedule ex) {
        return invalid(HttpStatus.BAD_REQUEST, "validation", "Invalid request", ex.field(), ex.reason());
    }

    @ExceptionHandler
    ProblemDetail invalidPolicy(InvalidEscalationPolicy ex) {
        return invalid(HttpStatus.BAD_REQUEST, "validation", "Invalid request", ex.field(), ex.reason());
    }

    /** The body is well-formed but names something that does not exist: 422, naming the field. */
    @ExceptionHandler
    ProblemDetail unknownReference(UnknownReference ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", "Unknown reference", ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ScheduleNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Schedule not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(EscalationPolicyNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Escalation policy not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(TeamNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Team not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ScheduleAlreadyExists ex) {
        return problem(HttpStatus.CONFLICT, "conflict", "Schedule already exists", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(EscalationPolicyAlreadyExists ex) {
        return problem(HttpStatus.CONFLICT, "conflict", "Escalation policy already exists", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ScheduleInUse ex) {
        return problem(HttpStatus.CONFLICT, "conflict", "Schedule in use", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(StaleVersion ex) {
        return problem(HttpStatus.CONFLICT, "conflict", "Version conflict", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(NotAMemberOfTeam ex) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
    }
}
