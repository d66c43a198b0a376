package io.ownwatch.executor.policy;

import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.policy.Decision.Allowed;
import io.ownwatch.executor.policy.Decision.Code;
import io.ownwatch.executor.policy.Decision.Refused;
import io.ownwatch.executor.policy.Requester.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a run may go ahead, as a pure function over what was read just before: no I/O, no clock of its own. The
 * checks run cheapest and most decisive first (kill switches, then the catalog), so the reason given is the one an
 * operator would look for first. Every refusal names its field and says what to do about it.
 */
public final class RemediationPolicy {

    static final Duration WINDOW = Duration.ofHours(1);

    private RemediationPolicy() {
    }

    public static Decision decide(PolicyInputs in) {
        for (KillSwitch killSwitch : in.killSwitches()) {
            if (killSwitch.covers(in.serviceId())) {
                return new Refused(Code.KILL_SWITCH, "killSwitch", "kill switch '" + killSwitch.scope() + "' is on ("
                        + killSwitch.reason() + ", set by " + killSwitch.setBy() + ")");
            }
        }
        if (in.runbook().isEmpty()) {
            return new Refused(Code.NOT_IN_CATALOG, "runbookId", "runbook '" + in.runbookId()
                    + "' has no approved version in the catalog (never approved, or retired)");
        }
        Runbook runbook = in.runbook().get();
        if (in.runbookVersion() != null && in.runbookVersion() != runbook.version()) {
            return new Refused(Code.VERSION_MISMATCH, "runbookVersion", "runbook '" + runbook.runbookId() + "' version "
                    + in.runbookVersion() + " is not the approved one (v" + runbook.version() + ")");
        }
        if (!runbook.contentHash().equals(in.contentHash())) {
            return new Refused(Code.HASH_MISMATCH, "contentHash", "content hash of runbook '" + runbook.runbookId()
                    + "' does not match the approved version v" + runbook.version()
                    + ": the runbook was edited or the request is stale");
        }
        if (!runbook.serviceIds().isEmpty() && !runbook.serviceIds().contains(in.serviceId())) {
            return new Refused(Code.SERVICE_NOT_COVERED, "serviceId", "runbook '" + runbook.runbookId()
                    + "' is not written for service '" + in.serviceId() + "'");
        }
        Optional<Refused> requester = requesterRefusal(in, runbook);
        if (requester.isPresent()) {
            return requester.get();
        }
        if (in.rules().stream().noneMatch(rule -> rule.allows(runbook.runbookId(), in.serviceId(), in.cluster(),
                in.namespace(), in.severity()))) {
            return new Refused(Code.NO_OPS_POLICY, "policy", "no ops policy allows runbook '" + runbook.runbookId()
                    + "' for service '" + in.serviceId() + "' (cluster " + orAny(in.cluster()) + ", namespace "
                    + orAny(in.namespace()) + ", severity " + in.severity() + ")");
        }
        if (in.history().runningForService() > 0) {
            return new Refused(Code.CONCURRENT_RUN, "serviceId", "a remediation of service '" + in.serviceId()
                    + "' is already running: at most one at a time");
        }
        long runbookRuns = withinWindow(in.history().runbookStarts(), in.now());
        if (runbookRuns >= runbook.maxRunsPerHour()) {
            return new Refused(Code.RUNBOOK_RATE_LIMIT, "runbookId", "rate limit: runbook '" + runbook.runbookId()
                    + "' ran " + runbookRuns + " times in the last hour (maxRunsPerHour " + runbook.maxRunsPerHour() + ")");
        }
        long serviceRuns = withinWindow(in.history().serviceStarts(), in.now());
        if (serviceRuns >= in.serviceMaxRunsPerHour()) {
            return new Refused(Code.SERVICE_RATE_LIMIT, "serviceId", "rate limit: service '" + in.serviceId()
                    + "' had " + serviceRuns + " remediations in the last hour (at most " + in.serviceMaxRunsPerHour() + ")");
        }
        if (in.history().lastStart().isPresent()) {
            Instant until = in.history().lastStart().get().plusSeconds(runbook.cooldownSeconds());
            if (in.now().isBefore(until)) {
                return new Refused(Code.COOLDOWN, "runbookId", "cooldown: runbook '" + runbook.runbookId()
                        + "' last ran for service '" + in.serviceId() + "' at " + in.history().lastStart().get()
                        + "; it may run again from " + until + " (cooldownSeconds " + runbook.cooldownSeconds() + ")");
            }
        }
        if (in.plan() instanceof Plan.Refused refused) {
            return new Refused(Code.STEP_REFUSED, refused.field(), refused.reason());
        }
        if (!(in.plan() instanceof Plan.Planned planned)) {
            return new Refused(Code.STEP_REFUSED, "steps", "the steps were not planned");
        }
        if (planned.targets() > runbook.maxTargets()) {
            return new Refused(Code.BLAST_RADIUS, "maxTargets", "blast radius: the steps touch " + planned.targets()
                    + " targets, more than the runbook's maxTargets " + runbook.maxTargets());
        }
        return new Allowed(runbook.needsApproval(), runbook.shadow() || in.globalShadow(), planned.steps());
    }

    /**
     * Whether a person may approve or reject a waiting run: an ops-admin, or a responder of the service's owning
     * team, and never the person who asked for it.
     */
    public static Decision mayApprove(Requester approver, Requester requester, Optional<String> owningTeam,
            Membership membership) {
        if (approver.kind() == requester.kind() && approver.id().equals(requester.id())) {
            return new Refused(Code.OWN_REQUEST, "approver", approver.id()
                    + " asked for this run and cannot also approve or reject it: another person must");
        }
        if (approver.kind() != Requester.Kind.PERSON) {
            return new Refused(Code.REQUESTER_NOT_ALLOWED, "approver", "only a person may approve a run");
        }
        if (approver.has(Role.OPS_ADMIN)) {
            return new Allowed(false, false, List.of());
        }
        if (approver.has(Role.RESPONDER)) {
            return teamRefusal(approver, owningTeam, membership, "approve runs of")
                    .<Decision>map(refused -> refused)
                    .orElseGet(() -> new Allowed(false, false, List.of()));
        }
        return new Refused(Code.REQUESTER_NOT_ALLOWED, "approver", approver.id()
                + " may not approve runs: only ops-admins and responders of the owning team may");
    }

    /** Whether deciding for this requester needs their team memberships from the registry. */
    public static boolean needsMembership(Requester requester, Optional<Runbook> runbook) {
        return requester.kind() == Requester.Kind.PERSON && requester.has(Role.RESPONDER)
                && !requester.has(Role.OPS_ADMIN)
                && !(requester.has(Role.SUPPORT) && runbook.map(Runbook::selfService).orElse(false));
    }

    private static Optional<Refused> requesterRefusal(PolicyInputs in, Runbook runbook) {
        Requester requester = in.requester();
        switch (requester.kind()) {
            case AUTOMATION:
                // The router asks for automatic runbooks; anything else it asks for waits for a person's approval.
                return Optional.empty();
            case OTHER:
                return Optional.of(new Refused(Code.REQUESTER_NOT_ALLOWED, "requestedBy", "'" + requester.id()
                        + "' may not request runs: only the router's automation and people through the API may"));
            case PERSON:
            default:
                break;
        }
        if (requester.has(Role.OPS_ADMIN) || (requester.has(Role.SUPPORT) && runbook.selfService())) {
            return Optional.empty();
        }
        if (requester.has(Role.RESPONDER)) {
            return teamRefusal(requester, in.owningTeam(), in.membership(), "run runbooks for");
        }
        if (requester.has(Role.SUPPORT)) {
            return runbook.selfService() ? Optional.empty()
                    : Optional.of(new Refused(Code.REQUESTER_NOT_ALLOWED, "runbookId", "support may run only "
                            + "self-service runbooks, and runbook '" + runbook.runbookId() + "' is not one"));
        }
        return Optional.of(new Refused(Code.REQUESTER_NOT_ALLOWED, "requestedBy", requester.id()
                + " may not run runbooks: ops-admins, responders of the owning team and, for self-service "
                + "runbooks, support may"));
    }

    private static Optional<Refused> teamRefusal(Requester person, Optional<String> owningTeam, Membership membership,
            String what) {
        if (owningTeam.isEmpty()) {
            return Optional.of(new Refused(Code.OWNER_UNKNOWN, "serviceId", "the owning team of the service is "
                    + "unknown to the executor, so " + person.id() + " cannot be checked as its responder"));
        }
        if (membership instanceof Membership.Unknown unknown) {
            return Optional.of(new Refused(Code.MEMBERSHIP_UNKNOWN, "requestedBy", "membership unknown: " + unknown.why()));
        }
        if (!(membership instanceof Membership.Known known)) {
            return Optional.of(new Refused(Code.MEMBERSHIP_UNKNOWN, "requestedBy",
                    "membership unknown: the registry was not asked about " + person.id()));
        }
        return known.teams().contains(owningTeam.get()) ? Optional.empty()
                : Optional.of(new Refused(Code.REQUESTER_NOT_ALLOWED, "requestedBy", person.id()
                        + " is not a responder of team '" + owningTeam.get() + "', which owns the service, and may not "
                        + what + " it"));
    }

    private static long withinWindow(List<Instant> starts, Instant now) {
        Instant from = now.minus(WINDOW);
        return starts.stream().filter(start -> start.isAfter(from) && !start.isAfter(now)).count();
    }

    private static String orAny(String value) {
        return value == null ? "any" : value;
    }
}
