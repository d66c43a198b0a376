package io.ownwatch.router.ingest.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ingest.AlertIngest;
import io.ownwatch.router.integration.IntegrationType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A PagerDuty Events API v2 endpoint: anything that can page PagerDuty can send here by changing the URL, and
 * the integration key goes into {@code routing_key}. It answers as PagerDuty does, since senders parse those
 * answers: 202 with the {@code dedup_key}, 400 "invalid event" with the errors ({@link PagerDutyProblems}).
 */
@RestController
@RequestMapping("/api/v1/ingest")
class PagerDutyEventsController {

    private final IngestAdmission admission;
    private final AlertIngest ingest;

    PagerDutyEventsController(IngestAdmission admission, AlertIngest ingest) {
        this.admission = admission;
        this.ingest = ingest;
    }

    @Operation(summary = "PagerDuty Events API v2 compatible endpoint (trigger, acknowledge, resolve)")
    @PostMapping("/pagerduty")
    ResponseEntity<Processed> enqueue(HttpServletRequest request) {
        IngestAdmission.Admitted admitted = admission.admit(request, IntegrationType.PAGERDUTY, IngestController.pathKey(request));
        List<Alert> alerts = ingest.accept(admitted.integration(), admitted.body());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Processed("success", "Event processed", alerts.get(0).dedupKey()));
    }

    /** PagerDuty's success answer, field for field. */
    record Processed(String status, String message, @JsonProperty("dedup_key") String dedupKey) {
    }

    /** PagerDuty's refusal of a bad event, field for field. */
    record Invalid(String status, String message, List<String> errors) {

        static Invalid of(String error) {
            return new Invalid("invalid event", "Event object is invalid", List.of(error));
        }
    }
}
