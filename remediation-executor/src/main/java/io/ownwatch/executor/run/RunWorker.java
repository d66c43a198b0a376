package io.ownwatch.executor.run;

import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.StepContext;
import io.ownwatch.executor.action.StepOutcome;
import io.ownwatch.executor.action.StepRefused;
import io.ownwatch.executor.action.StepRunner;
import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import io.ownwatch.executor.policy.Decision;
import io.ownwatch.executor.run.RunResults.Outcome;
import io.ownwatch.executor.run.jdbc.JdbcRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes runs from the database and moves them on: decides requested ones (policy, approval, shadow), starts
 * allowed ones and runs their steps in order, rejects approvals that expired, and ends UNKNOWN the runs whose
 * executor stopped heartbeating mid-run. Every instance polls; a run is claimed under a row lock taken with
 * {@code SKIP LOCKED} and moved by a conditional update, so two instances never start one run, and the state
 * {@code RUNNING} is committed, with its STARTED result, before the first step acts.
 */
@Component
public class RunWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private final JdbcRuns runs;
    private final RunChecks checks;
    private final RunResults results;
    private final RunMetrics metrics;
    private final RunbookCatalog catalog;
    private final StepRunner stepRunner;
    private final RunProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String runner = "executor-" + UUID.randomUUID();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService runPool;
    private volatile ExecutorService stepPool;
    private volatile Instant lastHeartbeat = Instant.EPOCH;

    RunWorker(JdbcRuns runs, RunChecks checks, RunResults results, RunMetrics metrics, RunbookCatalog catalog,
            StepRunner stepRunner, RunProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.checks = checks;
        this.results = results;
        this.metrics = metrics;
        this.catalog = catalog;
        this.stepRunner = stepRunner;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Looks for work now rather than at the next poll: a request or an approval was just committed. */
    public void kick() {
        ScheduledExecutorService running = poller;
        if (running != null && !running.isShutdown()) {
            try {
                running.execute(this::poll);
            }
            catch (java.util.concurrent.RejectedExecutionException ex) {
                // Stopping: the next start polls anyway.
            }
        }
    }

    private void poll() {
        try {
            Instant now = clock.instant();
            if (!inFlight.isEmpty() && !now.isBefore(lastHeartbeat.plus(properties.heartbeatEvery()))) {
                runs.heartbeat(Set.copyOf(inFlight), runner, now);
                lastHeartbeat = now;
            }
            transactions.executeWithoutResult(status -> sweep(clock.instant()));
            while (inFlight.size() < properties.workers()) {
                Claim claim = transactions.execute(status -> claimNext());
                if (claim == null || claim instanceof Claim.Nothing) {
                    break;
                }
                if (claim instanceof Claim.Started started) {
                    runPool.execute(() -> execute(started.run(), started.runbook()));
                }
            }
        }
        catch (RuntimeException ex) {
            // The database is away, for instance: a scheduled task that throws is never run again.
            log.warn("Run worker poll failed; retrying in {}: {}", properties.pollDelay(), ex.getMessage());
        }
    }

    /** Abandoned runs end UNKNOWN (a person must look); approvals nobody gave in time end REJECTED. */
    private void sweep(Instant now) {
        for (Run run : runs.abandon(now.minus(properties.staleAfter()), ABANDONED, now)) {
            log.warn("Run {} of runbook {} for service {} was RUNNING without a live executor: UNKNOWN, not re-run",
                    run.id(), run.request().runbookId(), run.request().serviceId());
            results.bySystem(run, Outcome.UNKNOWN, ABANDONED, RunResults.steps(run.steps()), now);
            metrics.finished(RunState.UNKNOWN);
        }
        String expired = "approval expired: nobody approved or rejected the run within " + properties.approvalTimeout();
        for (Run run : runs.expireApprovals(now.minus(properties.approvalTimeout()), expired, now)) {
            log.info("Run {} of runbook {}: {}", run.id(), run.request().runbookId(), expired);
            results.bySystem(run, Outcome.REJECTED, expired, List.of(), now);
            metrics.finished(RunState.REJECTED);
        }
    }

    static final String ABANDONED = "the executor running it stopped mid-run: whether its steps took effect is unknown,"
            + " a person must check; it is not run again";

    sealed interface Claim {
        record Nothing() implements Claim {
        }

        record Decided() implements Claim {
        }

        record Started(Run run, Runbook runbook) implements Claim {
        }
    }

    private Claim claimNext() {
        Optional<Run> locked = runs.lockNextPending();
        if (locked.isEmpty()) {
            return new Claim.Nothing();
        }
        Run run = locked.get();
        runs.lockService(run.request().serviceId());
        Instant now = clock.instant();
        Decision decision = checks.decide(run, now);
        if (decision instanceof Decision.Refused refused) {
            runs.decide(run.id(), run.state(), RunState.REJECTED, refused.reason(), refused.field(), null, List.of(),
                    false, now);
            results.bySystem(run, Outcome.REJECTED, refused.reason(), List.of(), now);
            metrics.refused(refused.code());
            metrics.finished(RunState.REJECTED);
            log.info("Run {} of runbook {} for service {} refused: {}", run.id(), run.request().runbookId(),
                    run.request().serviceId(), refused.reason());
            return new Claim.Decided();
        }
        Decision.Allowed allowed = (Decision.Allowed) decision;
        if (allowed.shadow()) {
            String reason = "shadow mode: nothing ran; would have run: " + allowed.plan().stream()
                    .map(step -> step.name() + ": " + step.description()).collect(Collectors.joining("; "));
            runs.decide(run.id(), run.state(), RunState.SHADOWED, reason, null, null, allowed.plan(), true, now);
            // The contract has no shadow outcome; REJECTED tells the router that nothing acted, with the plan.
            results.bySystem(run, Outcome.REJECTED, reason, RunResults.wouldRun(allowed.plan(), now), now);
            metrics.finished(RunState.SHADOWED);
            return new Claim.Decided();
        }
        if (allowed.needsApproval() && run.state() == RunState.REQUESTED) {
            String reason = "waiting for approval by an ops-admin or a responder of the owning team (not "
                    + run.requester().id() + ")";
            runs.decide(run.id(), run.state(), RunState.AWAITING_APPROVAL, reason, null, null, allowed.plan(), false,
                    now);
            results.bySystem(run, Outcome.AWAITING_APPROVAL, reason, List.of(), now);
            return new Claim.Decided();
        }
        Runbook runbook = catalog.runbook(run.request().runbookId()).orElseThrow();
        runs.start(run.id(), run.state(), runner, allowed.plan(), now);
        Run started = runs.find(run.id()).orElseThrow();
        String reason = "runbook " + runbook.runbookId() + " v" + runbook.version() + " (" + runbook.contentHash()
                + ") for service " + run.request().serviceId() + ", requested by " + run.requester().id()
                + (started.decidedBy() == null ? "" : ", approved by " + started.decidedBy());
        results.onBehalf(started, Outcome.STARTED, reason, List.of(), now);
        inFlight.add(run.id());
        return new Claim.Started(started, runbook);
    }

    private void execute(Run run, Runbook runbook) {
        try {
            Instant deadline = run.startedAt().plusSeconds(runbook.timeoutSeconds());
            List<StepRecord> recorded = new ArrayList<>();
            RunState end = RunState.SUCCEEDED;
            String reason = "all " + runbook.steps().size() + " steps succeeded";
            for (int i = 0; i < runbook.steps().size(); i++) {
                ActionStep step = runbook.steps().get(i);
                Instant stepStart = clock.instant();
                Duration remaining = Duration.between(stepStart, deadline);
                if (remaining.isNegative() || remaining.isZero()) {
                    end = RunState.TIMED_OUT;
                    reason = "the run's timeout (" + runbook.timeoutSeconds() + "s) passed before step '" + step.name() + "'";
                    break;
                }
                StepRecord record = runStep(i, step, RunChecks.context(run, runbook, remaining), remaining, stepStart);
                if (record == null) {
                    return; // Interrupted: the executor is stopping; the run stays RUNNING and ends UNKNOWN.
                }
                runs.recordStep(run.id(), record);
                recorded.add(record);
                if (!record.succeeded()) {
                    end = "TIMED_OUT".equals(record.status()) ? RunState.TIMED_OUT : RunState.FAILED;
                    reason = "step '" + step.name() + "' " + ("TIMED_OUT".equals(record.status()) ? "timed out" : "failed")
                            + (record.detail() == null ? "" : ": " + record.detail());
                    break;
                }
            }
            finish(run, end, reason, recorded);
        }
        catch (RuntimeException ex) {
            // The database went away mid-run: the heartbeat stops, and the run ends UNKNOWN; never guessed here.
            log.error("Run {} could not be recorded to its end; it will end UNKNOWN", run.id(), ex);
        }
        finally {
            inFlight.remove(run.id());
            kick();
        }
    }

    private StepRecord runStep(int position, ActionStep step, StepContext context, Duration remaining, Instant start) {
        Future<StepOutcome> outcome = stepPool.submit(() -> stepRunner.run(step, context));
        try {
            StepOutcome done = outcome.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
            return new StepRecord(position, step.name(), done.status().name(), done.detail(),
                    done.startedAt() == null ? start : done.startedAt(),
                    done.finishedAt() == null ? clock.instant() : done.finishedAt());
        }
        catch (TimeoutException ex) {
            outcome.cancel(true);
            return new StepRecord(position, step.name(), "TIMED_OUT", "no outcome within the run's remaining "
                    + remaining.toSeconds() + "s", start, clock.instant());
        }
        catch (ExecutionException ex) {
            String detail = ex.getCause() instanceof StepRefused refused ? "refused: " + refused.getMessage()
                    : "failed: " + ex.getCause().getClass().getSimpleName();
            return new StepRecord(position, step.name(), "FAILED", detail, start, clock.instant());
        }
        catch (InterruptedException ex) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void finish(Run run, RunState end, String reason, List<StepRecord> recorded) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            if (runs.finish(run.id(), runner, end, reason, now)) {
                results.onBehalf(run, Outcome.valueOf(end.name()), reason, RunResults.steps(recorded), now);
                metrics.finished(end);
            }
            else {
                log.warn("Run {} was no longer RUNNING here when it ended {}; its recorded state stands", run.id(), end);
            }
        });
    }

    @Override
    public void start() {
        runPool = Executors.newFixedThreadPool(properties.workers(), task -> daemon(task, "remediation-run"));
        stepPool = Executors.newCachedThreadPool(task -> daemon(task, "remediation-step"));
        poller = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "remediation-worker"));
        poller.scheduleWithFixedDelay(this::poll, 0, properties.pollDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = poller;
        if (running == null) {
            return;
        }
        running.shutdown();
        runPool.shutdown();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
            if (!runPool.awaitTermination(10, TimeUnit.SECONDS)) {
                // Runs still acting are left RUNNING: the next sweep (here or elsewhere) ends them UNKNOWN.
                runPool.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        stepPool.shutdownNow();
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** After the web server and bindings are up, before the outbox relay stops. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
