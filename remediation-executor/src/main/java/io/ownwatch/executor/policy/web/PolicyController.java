package io.ownwatch.executor.policy.web;

import io.ownwatch.executor.policy.KillSwitch;
import io.ownwatch.executor.policy.OpsPolicy;
import io.ownwatch.executor.policy.OpsPolicy.ShadowMode;
import io.ownwatch.executor.policy.OpsRule;
import io.ownwatch.executor.policy.PolicyProperties;
import io.ownwatch.executor.policy.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations' controls over what may run: ops rules ({@code /api/v1/policy/rules}), the global shadow mode
 * ({@code /api/v1/policy/shadow}) and the kill switches ({@code /api/v1/kill-switches/{global|service:<id>}}).
 * Ops-admins only, reads included: the envelope is theirs. Every change is in the audit trail with its actor.
 */
@RestController
@PreAuthorize("hasRole('OPS_ADMIN')")
class PolicyController {

    /** Ids, and the '*' wildcard, as the registry writes them; no spaces, nothing a log line could be forged with. */
    static final String ID_OR_ANY = "\\*|[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private final OpsPolicy policy;
    private final PolicyProperties properties;

    PolicyController(OpsPolicy policy, PolicyProperties properties) {
        this.policy = policy;
        this.properties = properties;
    }

    record NewRule(
            @NotBlank @Pattern(regexp = ID_OR_ANY) String runbookId,
            @NotBlank @Pattern(regexp = ID_OR_ANY) String serviceId,
            @Pattern(regexp = ID_OR_ANY) String cluster,
            @Pattern(regexp = ID_OR_ANY) String namespace,
            List<@NotNull Severity> severities,
            @NotBlank @Size(max = 500) String reason) {
    }

    record Items<T>(List<T> items) {
    }

    @GetMapping("/api/v1/policy/rules")
    Items<OpsRule> rules() {
        return new Items<>(policy.rules());
    }

    @PostMapping("/api/v1/policy/rules")
    ResponseEntity<OpsRule> addRule(@Valid @RequestBody NewRule rule, Authentication caller) {
        OpsRule added = policy.addRule(new OpsRule(UUID.randomUUID(), rule.runbookId(), rule.serviceId(),
                rule.cluster() == null ? OpsRule.ANY : rule.cluster(),
                rule.namespace() == null ? OpsRule.ANY : rule.namespace(),
                rule.severities() == null ? Set.of() : new HashSet<>(rule.severities()),
                rule.reason(), caller.getName(), Instant.now()));
        return ResponseEntity.created(URI.create("/api/v1/policy/rules/" + added.id())).body(added);
    }

    @DeleteMapping("/api/v1/policy/rules/{id}")
    ResponseEntity<Void> removeRule(@PathVariable UUID id) {
        if (!policy.removeRule(id)) {
            throw new PolicyEntryNotFound("ops rule " + id + " does not exist");
        }
        return ResponseEntity.noContent().build();
    }

    record ShadowView(boolean enabled, String reason, String setBy, Instant setAt) {
    }

    record ShadowChange(@NotNull Boolean enabled, @NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/api/v1/policy/shadow")
    ShadowView shadow() {
        return policy.shadowMode()
                .map(mode -> new ShadowView(mode.enabled(), mode.reason(), mode.setBy(), mode.setAt()))
                .orElseGet(() -> new ShadowView(properties.shadow(), "configuration (ownwatch.executor.policy.shadow)",
                        null, null));
    }

    @PutMapping("/api/v1/policy/shadow")
    ShadowView setShadow(@Valid @RequestBody ShadowChange change, Authentication caller) {
        ShadowMode mode = policy.setShadowMode(new ShadowMode(change.enabled(), change.reason(), caller.getName(),
                Instant.now()));
        return new ShadowView(mode.enabled(), mode.reason(), mode.setBy(), mode.setAt());
    }

    record KillSwitchChange(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/api/v1/kill-switches")
    Items<KillSwitch> killSwitches() {
        return new Items<>(policy.killSwitches());
    }

    @PutMapping("/api/v1/kill-switches/{scope}")
    KillSwitch setKillSwitch(@PathVariable String scope, @Valid @RequestBody KillSwitchChange change,
            Authentication caller) {
        return policy.setKillSwitch(new KillSwitch(checked(scope), change.reason(), caller.getName(), Instant.now()));
    }

    @DeleteMapping("/api/v1/kill-switches/{scope}")
    ResponseEntity<Void> clearKillSwitch(@PathVariable String scope) {
        if (!policy.clearKillSwitch(checked(scope))) {
            throw new PolicyEntryNotFound("kill switch '" + scope + "' is not on");
        }
        return ResponseEntity.noContent().build();
    }

    private static String checked(String scope) {
        if (KillSwitch.GLOBAL.equals(scope)) {
            return scope;
        }
        if (scope.startsWith(KillSwitch.SERVICE_PREFIX)) {
            String service = scope.substring(KillSwitch.SERVICE_PREFIX.length());
            if (!service.equals(OpsRule.ANY) && service.matches(ID_OR_ANY)) {
                return scope;
            }
        }
        throw new InvalidKillSwitchScope(scope);
    }
}
