package io.ownwatch.router.escalation;

import java.time.Duration;

/** What makes an escalation move: its deadline, or something that happened to the incident or its remediation. */
public sealed interface Trigger {

    /**
     * The deadline passed.
     *
     * @param quiet the incident's severity is low: its team's channels are told, nobody is paged
     */
    record Due(boolean quiet) implements Trigger {
    }

    /** Someone acknowledged the incident. */
    record Acknowledged() implements Trigger {
    }

    /** The incident was resolved. */
    record Resolved() implements Trigger {
    }

    /**
     * The incident moved to another team.
     *
     * @param acknowledged whether it is acknowledged (then the new team is not paged either)
     */
    record Reassigned(String teamId, boolean acknowledged) implements Trigger {
    }

    /** A person reopened the resolved incident: it is the team's again, from the first level. */
    record Reopened(String teamId) implements Trigger {
    }

    /** An automatic runbook runs first: level 1 waits up to {@code grace}. */
    record FirstPageHeld(String runbookId, Duration grace) implements Trigger {
    }

    /** A remediation failed or did not help: the next level (or a held level 1) is paged at once. */
    record EscalateNow(String runbookId, String reason) implements Trigger {
    }
}
