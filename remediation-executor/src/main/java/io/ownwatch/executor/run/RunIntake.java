package io.ownwatch.executor.run;

import io.ownwatch.executor.run.jdbc.JdbcRuns;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes requests in, from the topic and from people alike: the request id enters the idempotency ledger and the
 * run is written REQUESTED in one transaction, before anything is decided or acts. The worker decides it right after
 * the commit; a request seen before changes nothing, however often it is redelivered.
 */
@Component
public class RunIntake {

    /** The ledger's consumer name for requests, whichever way they came. */
    static final String CONSUMER = "remediation-requests";

    private final JdbcRuns runs;
    private final RunWorker worker;
    private final TransactionTemplate transactions;

    RunIntake(JdbcRuns runs, RunWorker worker, PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.worker = worker;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** @return the run of this request, new or already known */
    public Run accept(RunRequest request) {
        UUID runId = transactions.execute(status -> {
            UUID id = UUID.randomUUID();
            if (runs.record(CONSUMER, id, request)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        worker.kick();
                    }
                });
                return id;
            }
            return null;
        });
        return (runId == null ? runs.findByRequest(request.requestId()) : runs.find(runId))
                .orElseThrow(() -> new IllegalStateException("request " + request.requestId() + " has no run"));
    }
}
