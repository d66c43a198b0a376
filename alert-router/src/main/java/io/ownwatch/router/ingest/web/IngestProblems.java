package io.ownwatch.router.ingest.web;

import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import io.ownwatch.router.ingest.IngestProperties;
import io.ownwatch.router.ingest.InvalidAlertField;
import io.ownwatch.router.ingest.MalformedAlertPayload;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns ingest failures into RFC 9457 problem details; never a stack trace. */
@RestControllerAdvice(basePackageClasses = IngestProblems.class)
class IngestProblems {

    private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);
    private static final String TYPE_BASE = "https://ownwatch.io/problems/";

    private final IngestProperties properties;

    IngestProblems(IngestProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(UnsupportedPayloadType.class)
    ProblemDetail unsupportedType(UnsupportedPayloadType e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type", e.getMessage());
    }

    @ExceptionHandler(BodyTooLarge.class)
    ProblemDetail tooLarge(BodyTooLarge e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large", e.getMessage());
        problem.setProperty("maxBodyBytes", properties.maxBodyBytes());
        return problem;
    }

    @ExceptionHandler(MalformedAlertPayload.class)
    ProblemDetail malformed(MalformedAlertPayload e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", e.getMessage());
    }

    @ExceptionHandler(InvalidAlertField.class)
    ProblemDetail invalidField(InvalidAlertField e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid alert payload", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(AlertsNotAcknowledged.class)
    ResponseEntity<ProblemDetail> notAcknowledged(AlertsNotAcknowledged e) {
        log.warn("Alerts not acknowledged by the broker; the sender is asked to retry", e);
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Alerts not stored",
                "The message broker did not acknowledge the alerts in time. Retry later; repeats are deduplicated.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
