package io.ownwatch.timeline.analytics;

/**
 * Response times of a set of incidents. Durations are in seconds; a statistic over no incidents is null.
 *
 * @param incidents            incidents whose first alert was received in the range
 * @param acknowledged         of these, acknowledged by a person at least once
 * @param neverAcknowledged    of these, never acknowledged by a person (including those automation resolved); they
 *                             have no MTTA and are left out of it, so they are counted here instead
 * @param resolved             of these, resolved now (a reopened incident counts again once resolved again)
 * @param mtta                 first alert received to first acknowledgement by a person, over {@code acknowledged}
 * @param mttr                 first alert received to resolution (the latest, for a reopened one), over {@code resolved}
 * @param escalated            incidents escalated at least once
 * @param escalationRate       {@code escalated / incidents}, null without incidents
 * @param resolvedByAutomation incidents resolved with a successful remediation and no person's acknowledgement
 * @param automationShare      {@code resolvedByAutomation / resolved}, null without resolved incidents
 */
public record ResponseStats(long incidents, long acknowledged, long neverAcknowledged, long resolved,
        Durations mtta, Durations mttr, long escalated, Double escalationRate, long resolvedByAutomation,
        Double automationShare) {

    /**
     * Mean, median and 90th percentile, in seconds. Percentiles are PostgreSQL's {@code percentile_cont}: linear
     * interpolation between the two closest ranks (as numpy's default and Excel's PERCENTILE.INC), so the median of
     * 60 s and 120 s is 90 s.
     */
    public record Durations(Double meanSeconds, Double medianSeconds, Double p90Seconds) {
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
