package io.ownwatch.registry.schedule;

import java.util.List;

/** The schedule cannot be deleted while escalation policies page it. */
public class ScheduleInUse extends RuntimeException {

    public ScheduleInUse(String id, List<String> policyIds) {
        super("Schedule '" + id + "' is a target of escalation policies " + policyIds + "; remove it from them first.");
    }
}
