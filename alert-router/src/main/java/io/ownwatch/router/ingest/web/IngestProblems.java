package io.ownwatch.router.ingest.web;

import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import io.ownwatch.router.ingest.InvalidAlertField;
import io.ownwatch.router.ingest.MalformedAlertPayload;
import io.ownwatch.router.integration.BadRequestSignature;
import io.ownwatch.router.integration.IntegrationKeysUnavailable;
import io.ownwatch.router.integration.UnknownIntegrationKey;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns ingest failures into RFC 9457 problem details; never a stack trace. Ordered ahead of the edge module's
 * catch-all advice, behind {@link PagerDutyProblems}. The answers themselves come from {@link IngestRefusals}, which
 * the lean path ({@link IngestFilter}) asks as well, so that both answer alike.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@RestControllerAdvice(basePackageClasses = IngestProblems.class)
class IngestProblems {

    private final IngestRefusals refusals;

    IngestProblems(IngestRefusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler({UnsupportedPayloadType.class, BodyTooLarge.class, BodyIncomplete.class,
            MalformedAlertPayload.class, InvalidAlertField.class, UnknownIntegrationKey.class, BadRequestSignature.class,
            IntegrationTypeMismatch.class, IntegrationKeysUnavailable.class, AlertsNotAcknowledged.class})
    ResponseEntity<Object> refused(RuntimeException e, HttpServletRequest request) {
        return refusals.answer(e, request.getRequestURI(), false);
    }
}
