package io.ownwatch.executor.run.web;

import io.ownwatch.executor.run.ApprovalRefused;
import io.ownwatch.executor.run.RunNotAwaitingApproval;
import io.ownwatch.executor.run.RunNotFound;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns run failures into RFC 9457 problem details. */
@RestControllerAdvice(basePackageClasses = RunProblems.class)
class RunProblems {

    @ExceptionHandler(RunNotFound.class)
    ProblemDetail notFound(RunNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/run-not-found"));
        problem.setTitle("Run not found");
        return problem;
    }

    @ExceptionHandler(RunNotAwaitingApproval.class)
    ProblemDetail notWaiting(RunNotAwaitingApproval e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/run-not-awaiting-approval"));
        problem.setTitle("Run is not awaiting approval");
        return problem;
    }

    /** 403 for who may not decide; 503 when the registry could not say whether they may. */
    @ExceptionHandler(ApprovalRefused.class)
    ProblemDetail refused(ApprovalRefused e) {
        if (e.membershipUnknown()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            problem.setType(URI.create("https://ownwatch.io/problems/membership-unknown"));
            problem.setTitle("Team membership unknown");
            problem.setProperty("field", e.field());
            return problem;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/forbidden"));
        problem.setTitle("Forbidden");
        problem.setProperty("field", e.field());
        return problem;
    }
}
