package io.ownwatch.executor.run;

import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.action.StepContext;
import io.ownwatch.executor.action.StepRefused;
import io.ownwatch.executor.action.StepRunner;
import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import io.ownwatch.executor.policy.Decision;
import io.ownwatch.executor.policy.Membership;
import io.ownwatch.executor.policy.OpsPolicy;
import io.ownwatch.executor.policy.Plan;
import io.ownwatch.executor.policy.PolicyInputs;
import io.ownwatch.executor.policy.PolicyProperties;
import io.ownwatch.executor.policy.RemediationPolicy;
import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.policy.registry.TeamMemberships;
import io.ownwatch.executor.run.jdbc.JdbcRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads everything the policy decides over for one run, binds the steps without acting ({@link StepRunner#plan}),
 * and asks {@link RemediationPolicy}. Called right before a run is decided and again right before it starts.
 */
@Component
class RunChecks {

    private final RunbookCatalog catalog;
    private final OpsPolicy opsPolicy;
    private final PolicyProperties properties;
    private final TeamMemberships memberships;
    private final StepRunner stepRunner;
    private final JdbcRuns runs;

    RunChecks(RunbookCatalog catalog, OpsPolicy opsPolicy, PolicyProperties properties, TeamMemberships memberships,
            StepRunner stepRunner, JdbcRuns runs) {
        this.catalog = catalog;
        this.opsPolicy = opsPolicy;
        this.properties = properties;
        this.memberships = memberships;
        this.stepRunner = stepRunner;
        this.runs = runs;
    }

    Decision decide(Run run, Instant now) {
        RunRequest request = run.request();
        Optional<Runbook> runbook = catalog.runbook(request.runbookId());
        Optional<String> owningTeam = catalog.owningTeam(request.serviceId());
        Requester requester = request.requester();
        Membership membership = RemediationPolicy.needsMembership(requester, runbook) && owningTeam.isPresent()
                ? memberships.of(requester.id()) : new Membership.NotAsked();
        boolean globalShadow = opsPolicy.shadowMode().map(OpsPolicy.ShadowMode::enabled).orElse(properties.shadow());
        PolicyInputs inputs = new PolicyInputs(request.runbookId(), request.runbookVersion(), request.contentHash(),
                request.serviceId(), request.severity(), request.cluster(), request.namespace(), requester, runbook,
                owningTeam, membership, opsPolicy.rulesFor(request.runbookId(), request.serviceId()),
                opsPolicy.killSwitchesFor(request.serviceId()),
                runs.history(request.runbookId(), request.serviceId(), now.minus(Duration.ofHours(1))),
                properties.serviceMaxRunsPerHour(), runbook.map(found -> plan(run, found)).orElse(new Plan.NotPlanned()),
                globalShadow, now);
        return RemediationPolicy.decide(inputs);
    }

    /** Also approvers: an ops-admin, or a responder of the owning team, never the requester. */
    Decision mayApprove(Run run, Requester approver) {
        Optional<String> owningTeam = catalog.owningTeam(run.request().serviceId());
        Membership membership = approver.has(Requester.Role.RESPONDER) && !approver.has(Requester.Role.OPS_ADMIN)
                && owningTeam.isPresent() ? memberships.of(approver.id()) : new Membership.NotAsked();
        return RemediationPolicy.mayApprove(approver, run.requester(), owningTeam, membership);
    }

    private Plan plan(Run run, Runbook runbook) {
        StepContext context = context(run, runbook, Duration.ofSeconds(runbook.timeoutSeconds()));
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < runbook.steps().size(); i++) {
            ActionStep step = runbook.steps().get(i);
            try {
                planned.add(stepRunner.plan(step, context));
            }
            catch (StepRefused refused) {
                return new Plan.Refused(refused.field(), "step '" + step.name() + "' refused: " + refused.getMessage());
            }
            catch (RuntimeException failed) {
                // A step that cannot even be planned must not run; refusing ends the run instead of retrying it on
                // every poll. The class only: a message might carry a bound secret.
                return new Plan.Refused("steps[" + i + "]", "step '" + step.name() + "' could not be planned ("
                        + failed.getClass().getSimpleName() + ")");
            }
        }
        return new Plan.Planned(planned);
    }

    static StepContext context(Run run, Runbook runbook, Duration timeout) {
        return new StepContext(run.id().toString(), run.request().serviceId(), run.request().parameters(),
                runbook.parameterSchema(), runbook.hostAllowlist(), runbook.maxTargets(), timeout);
    }
}
