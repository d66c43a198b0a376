package io.ownwatch.router.ingest.web;

import io.ownwatch.router.ingest.InvalidAlertField;
import io.ownwatch.router.ingest.MalformedAlertPayload;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A bad event on the PagerDuty endpoint is refused in PagerDuty's own shape rather than as a problem detail,
 * because PagerDuty clients read {@code errors}; each error names the field ({@link IngestRefusals#pagerDutyInvalid}).
 * Ordered before {@link IngestProblems}, which answers every other refusal of this endpoint (401, 413, 503).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = PagerDutyEventsController.class)
class PagerDutyProblems {

    @ExceptionHandler({InvalidAlertField.class, MalformedAlertPayload.class})
    ResponseEntity<Object> invalid(RuntimeException e) {
        return IngestRefusals.pagerDutyInvalid(e);
    }
}
