package io.ownwatch.router.ingest.web;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ingest.AlertIngest;
import io.ownwatch.router.integration.IntegrationType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook receivers for Alertmanager, Grafana and plain JSON, each admitted by an integration key of its
 * own type. Answers 202 only after the broker acknowledged every alert, so that the sender's retry on 5xx is
 * what guarantees no alert is lost. The key may be the last path segment for senders that cannot set a header;
 * {@link PathKeyFilter} takes it off before the request gets here.
 */
@RestController
@RequestMapping("/api/v1/ingest")
class IngestController {

    private final IngestAdmission admission;
    private final AlertIngest ingest;

    IngestController(IngestAdmission admission, AlertIngest ingest) {
        this.admission = admission;
        this.ingest = ingest;
    }

    @Operation(summary = "Prometheus Alertmanager webhook (version 4)",
            description = "Configure a webhook receiver with http_config.authorization.credentials set to the integration key.")
    @PostMapping("/alertmanager")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted alertmanager(HttpServletRequest request) {
        return accept(request, IntegrationType.ALERTMANAGER);
    }

    @Operation(summary = "Grafana unified alerting webhook contact point",
            description = "Set the contact point's Authorization header credentials to the integration key.")
    @PostMapping("/grafana")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted grafana(HttpServletRequest request) {
        return accept(request, IntegrationType.GRAFANA);
    }

    @Operation(summary = "Alerts in Ownwatch's plain JSON form",
            description = "One GenericAlert object, a JSON array of them, or {\"alerts\": [...]}; a list is taken whole "
                    + "or refused whole (400 naming e.g. alerts[3].summary), at most ownwatch.router.ingest.max-alerts-per-request.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = GenericAlertDocument.class))))
    @PostMapping("/generic")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted generic(HttpServletRequest request) {
        return accept(request, IntegrationType.GENERIC);
    }

    private Accepted accept(HttpServletRequest request, IntegrationType form) {
        IngestAdmission.Admitted admitted = admission.admit(request, form, pathKey(request));
        List<String> eventIds = ingest.accept(admitted.integration(), admitted.body()).stream().map(Alert::eventId).toList();
        return new Accepted(eventIds.size(), eventIds);
    }

    /** The key {@link PathKeyFilter} took off the path, if it did. */
    static String pathKey(HttpServletRequest request) {
        return request.getAttribute(PathKeyFilter.KEY_ATTRIBUTE) instanceof String key ? key : null;
    }

    /** What the sender gets back: how many alerts were accepted and their event ids. */
    record Accepted(int accepted, List<String> eventIds) {
    }

    /** The plain JSON alert, as documented in the OpenAPI description; the body is read by {@code GenericAlert}. */
    @Schema(name = "GenericAlert", description = "One alert from any system that is neither Alertmanager, Grafana nor PagerDuty.")
    record GenericAlertDocument(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What is wrong, in one line.",
                    example = "Disk almost full on db-7") String summary,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"critical", "error", "warning", "info"})
            String severity,
            @Schema(allowableValues = {"firing", "resolved"}, defaultValue = "firing") String status,
            @Schema(description = "Identity of the alert across repeats; a resolve with the same key closes it. "
                    + "Default: a hash of the labels, or of the summary when there are none.") String dedupKey,
            @Schema(description = "String labels, used for routing and grouping.", example = "{\"service\":\"billing-db\"}")
            Map<String, String> labels,
            @Schema(description = "String annotations: descriptions, links, runbooks.") Map<String, String> annotations,
            @Schema(description = "RFC 3339; default: when the router received it.") Instant startsAt,
            @Schema(description = "RFC 3339; absent while the alert lasts.") Instant endsAt,
            @Schema(description = "The sending system, kept as the label 'source'.", example = "backup-cron") String source) {
    }
}
