package io.ownwatch.router.integration.web;

import io.ownwatch.router.integration.CreatedIntegration;
import io.ownwatch.router.integration.Integration;
import io.ownwatch.router.integration.IntegrationCatalog;
import io.ownwatch.router.integration.IntegrationType;
import io.ownwatch.router.integration.NewIntegration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Integrations: ops-admins create and revoke them, anyone with an Ownwatch role may list them. The key is in
 * the answer to the create and nowhere else, ever: only its hash is stored.
 */
@RestController
@RequestMapping("/api/v1/integrations")
class IntegrationController {

    private final IntegrationCatalog catalog;

    IntegrationController(IntegrationCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping
    @PreAuthorize("hasRole('OPS_ADMIN')")
    ResponseEntity<Created> create(@Valid @RequestBody CreateIntegration request, Principal caller) {
        CreatedIntegration created = catalog.create(new NewIntegration(request.name().trim(),
                IntegrationType.valueOf(request.type().toUpperCase(Locale.ROOT)),
                blankToNull(request.teamId()), blankToNull(request.signingSecret())), actor(caller));
        IntegrationView view = IntegrationView.of(created.integration());
        return ResponseEntity.created(URI.create("/api/v1/integrations/" + view.id()))
                .body(new Created(view, created.key()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
    List<IntegrationView> list() {
        return catalog.list().stream().map(IntegrationView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
    IntegrationView get(@PathVariable UUID id) {
        return IntegrationView.of(catalog.get(id));
    }

    /** Revokes the key; the integration stays listed, with who revoked it and when. */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('OPS_ADMIN')")
    IntegrationView revoke(@PathVariable UUID id, Principal caller) {
        return IntegrationView.of(catalog.revoke(id, actor(caller)));
    }

    private static String actor(Principal caller) {
        return caller == null ? "anonymous" : caller.getName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A create request.
     *
     * @param type the form the sender posts: alertmanager, grafana, pagerduty or generic
     * @param teamId default routing hint, carried on every alert as the {@code ownwatch_team} label
     * @param signingSecret when given, every request must carry an HMAC-SHA256 signature made with it
     */
    record CreateIntegration(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "alertmanager|grafana|pagerduty|generic",
                    message = "must be one of alertmanager, grafana, pagerduty, generic") String type,
            @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a team id (lower case, digits, dashes)") String teamId,
            @Size(min = 16, max = 256) String signingSecret) {
    }

    /** The answer to a create: the integration and, this once, its key. */
    record Created(IntegrationView integration, String key) {
    }

    /** An integration as listed: never its key, never its signing secret, only whether it has one. */
    record IntegrationView(UUID id, String name, String type, String teamId, boolean signed, String ingestPath,
            Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {

        static IntegrationView of(Integration integration) {
            return new IntegrationView(integration.id(), integration.name(), integration.type().slug(),
                    integration.teamId(), integration.signed(), "/api/v1/ingest/" + integration.type().slug(),
                    integration.createdAt(), integration.createdBy(), integration.revokedAt(), integration.revokedBy());
        }
    }
}
