package io.ownwatch.executor.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What operations set: the allowlist of runbooks per service, the kill switches and the global shadow mode. */
public interface OpsPolicy {

    List<OpsRule> rules();

    /** The rules that could allow this runbook for this service (exact or {@code *}). */
    List<OpsRule> rulesFor(String runbookId, String serviceId);

    OpsRule addRule(OpsRule rule);

    /** @return whether the rule existed */
    boolean removeRule(UUID id);

    List<KillSwitch> killSwitches();

    /** The switches that stop a run of this service: the global one and the service's own. */
    List<KillSwitch> killSwitchesFor(String serviceId);

    KillSwitch setKillSwitch(KillSwitch killSwitch);

    /** @return whether the switch was on */
    boolean clearKillSwitch(String scope);

    /** Operations' last word on global shadow mode; empty while they never set it (the configuration decides). */
    Optional<ShadowMode> shadowMode();

    ShadowMode setShadowMode(ShadowMode mode);

    /** Global shadow mode as operations set it. */
    record ShadowMode(boolean enabled, String reason, String setBy, java.time.Instant setAt) {
    }
}
