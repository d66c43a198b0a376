package io.ownwatch.timeline.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.incident.Severity;

/**
 * Time saved by automation: every incident automation resolved on its own is credited with the median MTTR of
 * comparable incidents people handled, because that is how long it would likely have taken them. Comparable means
 * the same service and severity; where people handled none of those, the same severity; where neither exists the
 * incident is counted as without comparison and credited nothing, rather than guessed.
 */
public final class TimeSaved {

    private TimeSaved() {
    }

    /** Automated incidents of one service and severity. */
    public record AutomatedGroup(String serviceId, Severity severity, long incidents) {
    }

    /** A service and severity, the finest comparison. */
    public record ServiceSeverity(String serviceId, Severity severity) {
    }

    /** How one group was credited: by which comparison, with which median MTTR of people. */
    public record Credit(String serviceId, Severity severity, long incidents, String comparedWith,
            Double personMedianMttrSeconds, double savedSeconds) {
    }

    /**
     * @param automatedIncidents      incidents resolved by automation
     * @param comparedIncidents       of these, credited with a comparison
     * @param withoutComparison       of these, with no comparable person-handled incident
     * @param savedSeconds            the total credit
     * @param credits                 the credit per service and severity
     */
    public record Result(long automatedIncidents, long comparedIncidents, long withoutComparison,
            double savedSeconds, List<Credit> credits) {

        public Result {
            credits = List.copyOf(credits);
        }
    }

    /**
     * @param automated         automated incidents per service and severity
     * @param byServiceSeverity median MTTR (seconds) of person-handled incidents per service and severity
     * @param bySeverity        median MTTR (seconds) of person-handled incidents per severity
     */
    public static Result compute(List<AutomatedGroup> automated, Map<ServiceSeverity, Double> byServiceSeverity,
            Map<Severity, Double> bySeverity) {
        long total = 0;
        long compared = 0;
        double saved = 0;
        List<Credit> credits = new ArrayList<>();
        for (AutomatedGroup group : automated) {
            total += group.incidents();
            Double sameService = group.serviceId() == null ? null
                    : byServiceSeverity.get(new ServiceSeverity(group.serviceId(), group.severity()));
            Double sameSeverity = bySeverity.get(group.severity());
            Double median = sameService != null ? sameService : sameSeverity;
            String comparedWith = sameService != null ? "SAME_SERVICE_AND_SEVERITY"
                    : sameSeverity != null ? "SAME_SEVERITY" : "NONE";
            double credit = median == null ? 0 : median * group.incidents();
            if (median != null) {
                compared += group.incidents();
            }
            saved += credit;
            credits.add(new Credit(group.serviceId(), group.severity(), group.incidents(), comparedWith, median, credit));
        }
        return new Result(total, compared, total - compared, saved, credits);
    }
}
