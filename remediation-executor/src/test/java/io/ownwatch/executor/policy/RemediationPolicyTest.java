package io.ownwatch.executor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.policy.Decision.Allowed;
import io.ownwatch.executor.policy.Decision.Code;
import io.ownwatch.executor.policy.Decision.Refused;
import io.ownwatch.executor.policy.Requester.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The remediation policy as a pure function: each refusal with its reason and field, and the boundaries. */
class RemediationPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final String HASH = "sha256:abc";

    static Runbook runbook(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** A runbook with test defaults: automatic, low risk, 2 runs an hour, 10 minutes cooldown, 2 targets. */
    static final class Builder {
        Runbook.Mode mode = Runbook.Mode.AUTOMATIC;
        Runbook.Risk risk = Runbook.Risk.LOW;
        boolean selfService;
        boolean shadow;
        List<String> services = List.of("checkout");
        int maxRunsPerHour = 2;
        int cooldownSeconds = 600;
        int maxTargets = 2;

        Builder mode(Runbook.Mode value) { mode = value; return this; }
        Builder risk(Runbook.Risk value) { risk = value; return this; }
        Builder selfService() { selfService = true; return this; }
        Builder shadow() { shadow = true; return this; }
        Builder services(String... value) { services = List.of(value); return this; }

        Runbook build() {
            return new Runbook("drain-queue", 3, HASH, "Drain the queue", "payments", mode, risk, selfService, services,
                    null, List.of(new ActionStep("drain", ActionType.HTTP_REQUEST, Map.of("method", "POST"))),
                    maxRunsPerHour, cooldownSeconds, 300, maxTargets, List.of("checkout.internal"), shadow);
        }
    }

    static OpsRule rule(String runbook, String service, String cluster, String namespace, Severity... severities) {
        return new OpsRule(UUID.randomUUID(), runbook, service, cluster, namespace, Set.of(severities), "test", "alice",
                NOW);
    }

    static final OpsRule ALLOW = rule("drain-queue", "checkout", "*", "*");

    /** A request by the router's automation that the policy allows; each test changes one thing. */
    static final class Inputs {
        String runbookId = "drain-queue";
        Integer version = 3;
        String hash = HASH;
        String service = "checkout";
        Severity severity = Severity.CRITICAL;
        String cluster = "prod-eu";
        String namespace = "shop";
        Requester requester = Requester.automation("alert-router");
        Optional<Runbook> runbook = Optional.of(runbook(b -> b));
        Optional<String> owningTeam = Optional.of("payments");
        Membership membership = new Membership.NotAsked();
        List<OpsRule> rules = new ArrayList<>(List.of(ALLOW));
        List<KillSwitch> killSwitches = new ArrayList<>();
        List<Instant> runbookStarts = new ArrayList<>();
        List<Instant> serviceStarts = new ArrayList<>();
        Optional<Instant> lastStart = Optional.empty();
        int running;
        int serviceMax = 6;
        Plan plan = new Plan.Planned(List.of(new PlannedStep("drain", ActionType.HTTP_REQUEST,
                "POST https://checkout.internal/admin/drain", 1)));
        boolean globalShadow;

        Decision decide() {
            return RemediationPolicy.decide(new PolicyInputs(runbookId, version, hash, service, severity, cluster,
                    namespace, requester, runbook, owningTeam, membership, rules, killSwitches,
                    new RunHistory(runbookStarts, serviceStarts, lastStart, running), serviceMax, plan, globalShadow,
                    NOW));
        }
    }

    static Refused refused(Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return (Refused) decision;
    }

    static Allowed allowed(Decision decision) {
        assertThat(decision).isInstanceOf(Allowed.class);
        return (Allowed) decision;
    }

    static Requester person(String id, Role... roles) {
        return Requester.person(id, Set.of(roles));
    }

    @Test
    void allowsAnAutomaticRunbookTheRouterAsksForWithinTheEnvelope() {
        Allowed allowed = allowed(new Inputs().decide());
        assertThat(allowed.needsApproval()).isFalse();
        assertThat(allowed.shadow()).isFalse();
        assertThat(allowed.plan()).extracting(PlannedStep::description)
                .containsExactly("POST https://checkout.internal/admin/drain");
    }

    @Test
    void refusesEverythingWhileTheGlobalKillSwitchIsOn() {
        Inputs in = new Inputs();
        in.killSwitches.add(new KillSwitch(KillSwitch.GLOBAL, "incident review", "alice", NOW));
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.KILL_SWITCH);
        assertThat(refused.field()).isEqualTo("killSwitch");
        assertThat(refused.reason()).contains("kill switch 'global' is on", "incident review", "alice");
    }

    @Test
    void refusesAServiceWhoseKillSwitchIsOnButNotOthers() {
        Inputs in = new Inputs();
        in.killSwitches.add(new KillSwitch(KillSwitch.forService("checkout"), "migration", "alice", NOW));
        assertThat(refused(in.decide()).reason()).contains("service:checkout");

        Inputs other = new Inputs();
        other.killSwitches.add(new KillSwitch(KillSwitch.forService("search"), "migration", "alice", NOW));
        allowed(other.decide());
    }

    @Test
    void refusesARunbookThatIsNotInTheCatalog() {
        Inputs in = new Inputs();
        in.runbook = Optional.empty();
        in.plan = new Plan.NotPlanned();
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.NOT_IN_CATALOG);
        assertThat(refused.field()).isEqualTo("runbookId");
        assertThat(refused.reason()).contains("no approved version");
    }

    @Test
    void refusesAnotherVersionThanTheApprovedOne() {
        Inputs in = new Inputs();
        in.version = 2;
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.VERSION_MISMATCH);
        assertThat(refused.field()).isEqualTo("runbookVersion");
    }

    @Test
    void refusesAContentHashThatDiffersFromTheApprovedVersion() {
        Inputs in = new Inputs();
        in.hash = "sha256:edited";
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.HASH_MISMATCH);
        assertThat(refused.field()).isEqualTo("contentHash");
        assertThat(refused.reason()).contains("does not match the approved version v3");
    }

    @Test
    void refusesAPersonsRequestWithoutHashWhenTheCatalogHasOne() {
        Inputs in = new Inputs();
        in.version = null;
        in.hash = null;
        assertThat(refused(in.decide()).code()).isEqualTo(Code.HASH_MISMATCH);
    }

    @Test
    void refusesAServiceTheRunbookIsNotWrittenFor() {
        Inputs in = new Inputs();
        in.service = "search";
        in.rules = List.of(rule("*", "*", "*", "*"));
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.SERVICE_NOT_COVERED);
        assertThat(refused.field()).isEqualTo("serviceId");
    }

    @Test
    void refusesWithoutAnOpsRule() {
        Inputs in = new Inputs();
        in.rules = List.of();
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.NO_OPS_POLICY);
        assertThat(refused.field()).isEqualTo("policy");
        assertThat(refused.reason()).isEqualTo("no ops policy allows runbook 'drain-queue' for service 'checkout' "
                + "(cluster prod-eu, namespace shop, severity CRITICAL)");
    }

    @Test
    void matchesOpsRulesByClusterNamespaceAndSeverity() {
        Inputs otherCluster = new Inputs();
        otherCluster.rules = List.of(rule("drain-queue", "checkout", "prod-us", "*"));
        assertThat(refused(otherCluster.decide()).code()).isEqualTo(Code.NO_OPS_POLICY);

        Inputs sameCluster = new Inputs();
        sameCluster.rules = List.of(rule("drain-queue", "checkout", "prod-eu", "shop"));
        allowed(sameCluster.decide());

        Inputs noCluster = new Inputs();
        noCluster.cluster = null;
        noCluster.rules = List.of(rule("drain-queue", "checkout", "prod-eu", "*"));
        assertThat(refused(noCluster.decide()).code()).as("a request without a cluster needs a rule for any cluster")
                .isEqualTo(Code.NO_OPS_POLICY);

        Inputs severe = new Inputs();
        severe.rules = List.of(rule("drain-queue", "checkout", "*", "*", Severity.CRITICAL, Severity.ERROR));
        allowed(severe.decide());
        severe.severity = Severity.WARNING;
        assertThat(refused(severe.decide()).code()).isEqualTo(Code.NO_OPS_POLICY);

        Inputs wildcard = new Inputs();
        wildcard.rules = List.of(rule("*", "checkout", "*", "*"));
        allowed(wildcard.decide());
    }

    @Test
    void allowsOneConcurrentRunPerService() {
        Inputs in = new Inputs();
        in.running = 1;
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.CONCURRENT_RUN);
        assertThat(refused.reason()).contains("already running");
    }

    @Test
    void rateLimitsPerRunbookWithinTheLastHour() {
        Inputs below = new Inputs();
        below.runbookStarts.add(NOW.minus(Duration.ofMinutes(30)));
        allowed(below.decide());

        Inputs at = new Inputs();
        at.runbookStarts.addAll(List.of(NOW.minus(Duration.ofMinutes(30)), NOW.minus(Duration.ofMinutes(59))));
        Refused refused = refused(at.decide());
        assertThat(refused.code()).isEqualTo(Code.RUNBOOK_RATE_LIMIT);
        assertThat(refused.reason()).contains("ran 2 times in the last hour (maxRunsPerHour 2)");

        Inputs expired = new Inputs();
        expired.runbookStarts.addAll(List.of(NOW.minus(Duration.ofMinutes(30)), NOW.minus(Duration.ofHours(1))));
        allowed(expired.decide());
    }

    @Test
    void rateLimitsPerServiceAsConfigured() {
        Inputs in = new Inputs();
        in.serviceMax = 3;
        in.serviceStarts.addAll(List.of(NOW.minusSeconds(4000), NOW.minusSeconds(3000), NOW.minusSeconds(2000)));
        allowed(in.decide());
        in.serviceStarts.add(NOW.minusSeconds(1000));
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.SERVICE_RATE_LIMIT);
        assertThat(refused.reason()).contains("service 'checkout' had 3 remediations in the last hour (at most 3)");
    }

    @Test
    void waitsForTheCooldownAfterTheLastRun() {
        Inputs within = new Inputs();
        within.lastStart = Optional.of(NOW.minusSeconds(599));
        Refused refused = refused(within.decide());
        assertThat(refused.code()).isEqualTo(Code.COOLDOWN);
        assertThat(refused.reason()).contains("may run again from 2026-11-27T12:00:01Z");

        Inputs over = new Inputs();
        over.lastStart = Optional.of(NOW.minusSeconds(600));
        allowed(over.decide());
    }

    @Test
    void refusesAPlanThatTouchesMoreTargetsThanTheBlastRadius() {
        Inputs at = new Inputs();
        at.plan = new Plan.Planned(List.of(new PlannedStep("a", ActionType.KUBERNETES_DELETE_POD, "delete pod a", 1),
                new PlannedStep("b", ActionType.KUBERNETES_DELETE_POD, "delete pod b", 1)));
        allowed(at.decide());

        Inputs over = new Inputs();
        over.plan = new Plan.Planned(List.of(new PlannedStep("a", ActionType.KUBERNETES_SCALE, "scale", 3)));
        Refused refused = refused(over.decide());
        assertThat(refused.code()).isEqualTo(Code.BLAST_RADIUS);
        assertThat(refused.field()).isEqualTo("maxTargets");
        assertThat(refused.reason()).contains("3 targets", "maxTargets 2");
    }

    @Test
    void refusesAStepTheRunnerRefused() {
        Inputs in = new Inputs();
        in.plan = new Plan.Refused("parameters.pod", "step 'drain' refused: contains shell syntax");
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.STEP_REFUSED);
        assertThat(refused.field()).isEqualTo("parameters.pod");
    }

    @ParameterizedTest
    @EnumSource(value = Runbook.Mode.class, names = {"NEEDS_APPROVAL", "UNKNOWN"})
    void needsApprovalForNeedsApprovalAndUnreadableModes(Runbook.Mode mode) {
        Inputs in = new Inputs();
        in.runbook = Optional.of(runbook(b -> b.mode(mode)));
        assertThat(allowed(in.decide()).needsApproval()).isTrue();
    }

    @Test
    void needsApprovalForHighRiskEvenWhenAutomatic() {
        Inputs in = new Inputs();
        in.runbook = Optional.of(runbook(b -> b.risk(Runbook.Risk.HIGH)));
        assertThat(allowed(in.decide()).needsApproval()).isTrue();
        in.runbook = Optional.of(runbook(b -> b.risk(Runbook.Risk.MEDIUM)));
        assertThat(allowed(in.decide()).needsApproval()).isFalse();
    }

    @Test
    void shadowsWhenTheRunbookOrOperationsSaySo() {
        Inputs byRunbook = new Inputs();
        byRunbook.runbook = Optional.of(runbook(Builder::shadow));
        assertThat(allowed(byRunbook.decide()).shadow()).isTrue();

        Inputs global = new Inputs();
        global.globalShadow = true;
        assertThat(allowed(global.decide()).shadow()).isTrue();
    }

    @Test
    void shadowRunsStillGetEveryRefusal() {
        Inputs in = new Inputs();
        in.globalShadow = true;
        in.rules = List.of();
        assertThat(refused(in.decide()).code()).isEqualTo(Code.NO_OPS_POLICY);
    }

    @Test
    void letsOpsAdminsRunAnyRunbook() {
        Inputs in = new Inputs();
        in.requester = person("alice", Role.OPS_ADMIN);
        allowed(in.decide());
    }

    @Test
    void letsRespondersRunRunbooksOfTheirOwnTeamsServicesOnly() {
        Inputs member = new Inputs();
        member.requester = person("bob", Role.RESPONDER);
        member.membership = new Membership.Known(Set.of("payments"));
        allowed(member.decide());

        Inputs outsider = new Inputs();
        outsider.requester = person("erin", Role.RESPONDER);
        outsider.membership = new Membership.Known(Set.of("identity"));
        Refused refused = refused(outsider.decide());
        assertThat(refused.code()).isEqualTo(Code.REQUESTER_NOT_ALLOWED);
        assertThat(refused.reason()).contains("erin is not a responder of team 'payments'");
    }

    @Test
    void refusesAResponderWhenTheRegistryCannotSay() {
        Inputs in = new Inputs();
        in.requester = person("bob", Role.RESPONDER);
        in.membership = new Membership.Unknown("the ownership registry could not say which teams bob belongs to");
        Refused refused = refused(in.decide());
        assertThat(refused.code()).isEqualTo(Code.MEMBERSHIP_UNKNOWN);
        assertThat(refused.reason()).startsWith("membership unknown");
    }

    @Test
    void refusesAResponderWhenTheServicesOwnerIsUnknown() {
        Inputs in = new Inputs();
        in.requester = person("bob", Role.RESPONDER);
        in.owningTeam = Optional.empty();
        in.membership = new Membership.Known(Set.of("payments"));
        assertThat(refused(in.decide()).code()).isEqualTo(Code.OWNER_UNKNOWN);
    }

    @Test
    void letsSupportRunSelfServiceRunbooksOnly() {
        Inputs selfService = new Inputs();
        selfService.requester = person("carol", Role.SUPPORT);
        selfService.runbook = Optional.of(runbook(Builder::selfService));
        allowed(selfService.decide());

        Inputs other = new Inputs();
        other.requester = person("carol", Role.SUPPORT);
        Refused refused = refused(other.decide());
        assertThat(refused.code()).isEqualTo(Code.REQUESTER_NOT_ALLOWED);
        assertThat(refused.reason()).contains("support may run only self-service runbooks");
    }

    @Test
    void refusesViewersAndUnvouchedRequesters() {
        Inputs viewer = new Inputs();
        viewer.requester = person("dave", Role.VIEWER);
        assertThat(refused(viewer.decide()).reason()).contains("dave may not run runbooks");

        Inputs topicPerson = new Inputs();
        topicPerson.requester = new Requester(Requester.Kind.OTHER, "person:bob", Set.of());
        Refused refused = refused(topicPerson.decide());
        assertThat(refused.field()).isEqualTo("requestedBy");
        assertThat(refused.reason()).contains("'person:bob' may not request runs");
    }

    @Test
    void asksTheRegistryOnlyForRespondersWhoseRoleAloneDoesNotDecide() {
        Optional<Runbook> plain = Optional.of(runbook(b -> b));
        Optional<Runbook> selfService = Optional.of(runbook(Builder::selfService));
        assertThat(RemediationPolicy.needsMembership(person("bob", Role.RESPONDER), plain)).isTrue();
        assertThat(RemediationPolicy.needsMembership(person("alice", Role.OPS_ADMIN, Role.RESPONDER), plain)).isFalse();
        assertThat(RemediationPolicy.needsMembership(person("x", Role.SUPPORT, Role.RESPONDER), selfService)).isFalse();
        assertThat(RemediationPolicy.needsMembership(Requester.automation("alert-router"), plain)).isFalse();
    }

    @Test
    void neverLetsTheRequesterApproveTheirOwnRun() {
        Requester alice = person("alice", Role.OPS_ADMIN);
        Refused refused = refused(RemediationPolicy.mayApprove(alice, alice, Optional.of("payments"),
                new Membership.NotAsked()));
        assertThat(refused.code()).isEqualTo(Code.OWN_REQUEST);
        assertThat(refused.reason()).contains("alice asked for this run");
    }

    @Test
    void letsOpsAdminsAndOwningTeamRespondersApprove() {
        Requester router = Requester.automation("alert-router");
        allowed(RemediationPolicy.mayApprove(person("alice", Role.OPS_ADMIN), router, Optional.of("payments"),
                new Membership.NotAsked()));
        allowed(RemediationPolicy.mayApprove(person("bob", Role.RESPONDER), router, Optional.of("payments"),
                new Membership.Known(Set.of("payments"))));
        assertThat(refused(RemediationPolicy.mayApprove(person("erin", Role.RESPONDER), router, Optional.of("payments"),
                new Membership.Known(Set.of("identity")))).code()).isEqualTo(Code.REQUESTER_NOT_ALLOWED);
        assertThat(refused(RemediationPolicy.mayApprove(person("bob", Role.RESPONDER), router, Optional.of("payments"),
                new Membership.Unknown("registry down"))).code()).isEqualTo(Code.MEMBERSHIP_UNKNOWN);
        assertThat(refused(RemediationPolicy.mayApprove(person("carol", Role.SUPPORT), router, Optional.of("payments"),
                new Membership.NotAsked())).code()).isEqualTo(Code.REQUESTER_NOT_ALLOWED);
        assertThat(refused(RemediationPolicy.mayApprove(Requester.automation("other"), router, Optional.of("payments"),
                new Membership.NotAsked())).code()).isEqualTo(Code.REQUESTER_NOT_ALLOWED);
    }

    @Test
    void checksTheKillSwitchBeforeAnythingElse() {
        Inputs in = new Inputs();
        in.runbook = Optional.empty();
        in.rules = List.of();
        in.killSwitches.add(new KillSwitch(KillSwitch.GLOBAL, "freeze", "alice", NOW));
        assertThat(refused(in.decide()).code()).isEqualTo(Code.KILL_SWITCH);
    }
}
