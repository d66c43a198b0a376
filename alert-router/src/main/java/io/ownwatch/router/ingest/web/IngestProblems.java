package io.ownwatch.router.ingest.web;

import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import io.ownwatch.router.ingest.IngestProperties;
import io.ownwatch.router.ingest.InvalidAlertField;
import io.ownwatch.router.ingest.MalformedAlertPayload;
import io.ownwatch.router.integration.BadRequestSignature;
import io.ownwatch.router.integration.IntegrationKey;
import io.ownwatch.router.integration.IntegrationKeysUnavailable;
import io.ownwatch.router.integration.UnknownIntegrationKey;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns ingest failures into RFC 9457 problem details; never a stack trace. Ordered ahead of the edge module's
 * catch-all advice, behind {@link PagerDutyProblems}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
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

    @ExceptionHandler(UnknownIntegrationKey.class)
    ResponseEntity<ProblemDetail> unknownKey(UnknownIntegrationKey e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "unknown-integration-key", "Unknown integration key", e.getMessage()));
    }

    @ExceptionHandler(BadRequestSignature.class)
    ResponseEntity<ProblemDetail> badSignature(BadRequestSignature e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad request signature", e.getMessage()));
    }

    @ExceptionHandler(IntegrationTypeMismatch.class)
    ProblemDetail wrongEndpoint(IntegrationTypeMismatch e) {
        return problem(HttpStatus.FORBIDDEN, "integration-type-mismatch", "Wrong endpoint for this integration", e.getMessage());
    }

    @ExceptionHandler(IntegrationKeysUnavailable.class)
    ResponseEntity<ProblemDetail> keysUnavailable(IntegrationKeysUnavailable e) {
        log.warn("Integration keys cannot be checked; the sender is asked to retry", e);
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "integration-keys-unavailable",
                "Integration key not checked", "The integration key cannot be checked right now. Retry later.");
        return retryLater(problem);
    }

    @ExceptionHandler(AlertsNotAcknowledged.class)
    ResponseEntity<ProblemDetail> notAcknowledged(AlertsNotAcknowledged e) {
        log.warn("Alerts not acknowledged by the broker; the sender is asked to retry", e);
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Alerts not stored",
                "The message broker did not acknowledge the alerts in time. Retry later; repeats are deduplicated.");
        return retryLater(problem);
    }

    private ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        problem.setInstance(instance());
        return problem;
    }

    /**
     * The request path as the problem's instance, with a key in the last segment masked: left to Spring, the
     * instance would echo the key back into every sender's error log.
     */
    private static URI instance() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        String path = attributes.getRequest().getRequestURI();
        int last = path.lastIndexOf('/');
        if (last >= 0 && IntegrationKey.looksLikeKey(path.substring(last + 1))) {
            path = path.substring(0, last + 1) + IntegrationKey.PREFIX + "***";
        }
        return URI.create(path);
    }
}
