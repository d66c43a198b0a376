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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every refusal of an ingest request answers: RFC 9457 problem details (PagerDuty's own shape for a bad event
 * on its endpoint), never a stack trace. One place for both the lean path ({@link IngestFilter}) and the Spring MVC
 * advice ({@link IngestProblems}, {@link PagerDutyProblems}), so that a sender cannot tell them apart.
 */
@Component
class IngestRefusals {

    private static final Logger log = LoggerFactory.getLogger(IngestRefusals.class);
    private static final String TYPE_BASE = "https://ownwatch.io/problems/";
    /** The edge module's catch-all problem type, for a failure nobody foresaw. */
    private static final URI INTERNAL = URI.create(TYPE_BASE + "internal");

    private final IngestProperties properties;

    IngestRefusals(IngestProperties properties) {
        this.properties = properties;
    }

    /**
     * @param path the request path (a key in its last segment is masked in the answer)
     * @param pagerDuty whether the request came to the PagerDuty endpoint, whose bad events are refused its way
     */
    ResponseEntity<Object> answer(RuntimeException e, String path, boolean pagerDuty) {
        if (pagerDuty && (e instanceof InvalidAlertField || e instanceof MalformedAlertPayload)) {
            return pagerDutyInvalid(e);
        }
        if (e instanceof UnsupportedPayloadType) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    e.getMessage(), path);
        }
        if (e instanceof BodyTooLarge) {
            ProblemDetail problem = problemDetail(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                    e.getMessage(), path);
            problem.setProperty("maxBodyBytes", properties.maxBodyBytes());
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
        }
        if (e instanceof BodyIncomplete) {
            return problem(HttpStatus.BAD_REQUEST, "body-incomplete", "Incomplete request body", e.getMessage(), path);
        }
        if (e instanceof MalformedAlertPayload) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", e.getMessage(), path);
        }
        if (e instanceof InvalidAlertField invalid) {
            ProblemDetail problem = problemDetail(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid alert payload",
                    e.getMessage(), path);
            problem.setProperty("field", invalid.field());
            return ResponseEntity.badRequest().body(problem);
        }
        if (e instanceof UnknownIntegrationKey) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(problemDetail(HttpStatus.UNAUTHORIZED, "unknown-integration-key", "Unknown integration key",
                            e.getMessage(), path));
        }
        if (e instanceof BadRequestSignature) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(problemDetail(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad request signature", e.getMessage(), path));
        }
        if (e instanceof IntegrationTypeMismatch) {
            return problem(HttpStatus.FORBIDDEN, "integration-type-mismatch", "Wrong endpoint for this integration",
                    e.getMessage(), path);
        }
        if (e instanceof IntegrationKeysUnavailable) {
            log.warn("Integration keys cannot be checked; the sender is asked to retry", e);
            return retryLater(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, "integration-keys-unavailable",
                    "Integration key not checked", "The integration key cannot be checked right now. Retry later.", path));
        }
        if (e instanceof AlertsNotAcknowledged) {
            log.warn("Alerts not acknowledged by the broker; the sender is asked to retry", e);
            return retryLater(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Alerts not stored",
                    "The message broker did not acknowledge the alerts in time. Retry later; repeats are deduplicated.", path));
        }
        log.error("Unhandled request failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed unexpectedly; it has been logged.");
        problem.setType(INTERNAL);
        problem.setTitle("Internal error");
        problem.setInstance(instance(path));
        return ResponseEntity.internalServerError().body(problem);
    }

    /** PagerDuty's refusal of a bad event, field for field: senders parse {@code errors}. */
    static ResponseEntity<Object> pagerDutyInvalid(RuntimeException e) {
        String error = e instanceof InvalidAlertField invalid
                ? "'" + invalid.field() + "' " + e.getMessage().substring(invalid.field().length() + 2)
                : e.getMessage();
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(PagerDutyEventsController.Invalid.of(error));
    }

    private ResponseEntity<Object> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .body(problem);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail, String path) {
        return ResponseEntity.status(status).body(problemDetail(status, type, title, detail, path));
    }

    private static ProblemDetail problemDetail(HttpStatus status, String type, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        problem.setInstance(instance(path));
        return problem;
    }

    /**
     * The request path as the problem's instance, with a key in the last segment masked: left as it came, the
     * instance would echo the key back into every sender's error log.
     */
    static URI instance(String path) {
        if (path == null) {
            return null;
        }
        int last = path.lastIndexOf('/');
        if (last >= 0 && IntegrationKey.looksLikeKey(path.substring(last + 1))) {
            path = path.substring(0, last + 1) + IntegrationKey.PREFIX + "***";
        }
        return URI.create(path);
    }
}
