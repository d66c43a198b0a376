package io.ownwatch.executor.run;

import io.ownwatch.executor.policy.Decision;
import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.run.RunResults.Outcome;
import io.ownwatch.executor.run.jdbc.JdbcRuns;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A second person's word on a waiting run. Approving only lets the run be started: the worker checks the whole
 * policy again right before it runs, so an approval never overrides a kill switch, a cooldown or a new runbook
 * version.
 */
@Component
public class Approvals {

    private final JdbcRuns runs;
    private final RunChecks checks;
    private final RunResults results;
    private final RunMetrics metrics;
    private final RunWorker worker;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Approvals(JdbcRuns runs, RunChecks checks, RunResults results, RunMetrics metrics, RunWorker worker, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.checks = checks;
        this.results = results;
        this.metrics = metrics;
        this.worker = worker;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Run approve(UUID runId, Requester approver, String reason) {
        Run run = decide(runId, approver, RunState.APPROVED, "approved by " + approver.id() + ": " + reason);
        worker.kick();
        return run;
    }

    public Run reject(UUID runId, Requester approver, String reason) {
        return decide(runId, approver, RunState.REJECTED, "rejected by " + approver.id() + ": " + reason);
    }

    private Run decide(UUID runId, Requester approver, RunState to, String reason) {
        return transactions.execute(status -> {
            Run run = runs.lock(runId).orElseThrow(() -> new RunNotFound(runId));
            if (run.state() != RunState.AWAITING_APPROVAL) {
                throw new RunNotAwaitingApproval(run);
            }
            if (checks.mayApprove(run, approver) instanceof Decision.Refused refused) {
                throw new ApprovalRefused(refused);
            }
            Instant now = clock.instant();
            runs.decide(run.id(), RunState.AWAITING_APPROVAL, to, reason, null, approver.id(), run.plan(), false, now);
            results.byPerson(run, to == RunState.APPROVED ? Outcome.APPROVED : Outcome.REJECTED, reason, approver.id(),
                    now);
            if (to.finished()) {
                metrics.finished(to);
            }
            return runs.find(runId).orElseThrow();
        });
    }
}
