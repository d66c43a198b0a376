package io.ownwatch.executor.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runs that count against the limits, read just before deciding: only runs that acted (started, not shadow).
 *
 * @param runbookStarts        start times of this runbook's runs (any service) within the last hour or more
 * @param serviceStarts        start times of any runbook's runs for this service within the last hour or more
 * @param lastStart            the latest start of this runbook for this service, for the cooldown
 * @param runningForService    runs of this service now RUNNING
 */
public record RunHistory(List<Instant> runbookStarts, List<Instant> serviceStarts, Optional<Instant> lastStart,
        int runningForService) {

    public RunHistory {
        runbookStarts = List.copyOf(runbookStarts);
        serviceStarts = List.copyOf(serviceStarts);
    }

    public static RunHistory none() {
        return new RunHistory(List.of(), List.of(), Optional.empty(), 0);
    }
}
