package io.ownwatch.executor.run;

/** An approval or rejection of a run that is not waiting for one (any more). */
public class RunNotAwaitingApproval extends RuntimeException {

    public RunNotAwaitingApproval(Run run) {
        super("run " + run.id() + " is " + run.state() + ", not AWAITING_APPROVAL");
    }
}
