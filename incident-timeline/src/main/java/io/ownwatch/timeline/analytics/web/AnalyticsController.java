package io.ownwatch.timeline.analytics.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.analytics.Analytics;
import io.ownwatch.timeline.analytics.AnalyticsFilter;
import io.ownwatch.timeline.analytics.Bucket;
import io.ownwatch.timeline.analytics.InvalidAnalyticsParameter;
import io.ownwatch.timeline.analytics.ResponseStats;
import io.ownwatch.timeline.analytics.TimeSaved;
import io.ownwatch.timeline.analytics.Zones;
import io.ownwatch.timeline.incident.Severity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics API. Readable by every Ownwatch role, like the timeline it is computed from. The definitions of
 * every figure are in the operation descriptions, which the OpenAPI document at {@code /v3/api-docs} carries.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class AnalyticsController {

    /** Without {@code from}, the last 30 days up to {@code to}. */
    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    static final String DEFINITIONS = """
            Incidents are selected by when their first alert was received, in [from, to). \
            MTTA: first alert received (server time) to the first acknowledgement by a person (actor kind PERSON); \
            incidents never acknowledged by a person have no MTTA and are counted in neverAcknowledged instead. \
            MTTR: first alert received to resolution (the latest resolution of a reopened incident; one reopened and \
            not resolved again counts as unresolved). Both are given as mean, median and p90 in seconds; percentiles \
            are PostgreSQL percentile_cont (linear interpolation between the closest ranks). \
            escalationRate: share of incidents escalated at least once. automationShare: share of resolved incidents \
            resolved by automation (a successful remediation and no acknowledgement by a person).""";

    private final Analytics analytics;
    private final Clock clock = Clock.systemUTC();

    AnalyticsController(Analytics analytics) {
        this.analytics = analytics;
    }

    record FilterView(String team, String service, Severity severity, Instant from, Instant to) {

        static FilterView of(AnalyticsFilter filter) {
            return new FilterView(filter.teamId(), filter.serviceId(), filter.severity(), filter.from(), filter.to());
        }
    }

    record ResponseTimesView(FilterView filter, String definitions, ResponseStats overall, String bucket, String zone,
            List<Analytics.BucketStats> buckets) {
    }

    record TeamsView(FilterView filter, String definitions, List<Analytics.TeamStats> teams) {
    }

    record PagesView(FilterView filter, String zone, String businessHours, List<Analytics.TeamPages> teams) {
    }

    record AutomationView(FilterView filter, String definition, long resolved, long resolvedByAutomation,
            Double automationShare, TimeSaved.Result timeSaved) {
    }

    private AnalyticsFilter filter(String team, String service, Severity severity, Instant from, Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        return new AnalyticsFilter(blankToNull(team), blankToNull(service), severity, start, end);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Operation(summary = "MTTA and MTTR, overall and as a trend by day or week", description = DEFINITIONS
            + " Buckets start at local midnight (day) or Monday local midnight (week) in 'zone'; buckets without "
            + "incidents are left out.")
    @GetMapping("/response-times")
    ResponseTimesView responseTimes(
            @Parameter(description = "owning team id") @RequestParam(required = false) String team,
            @Parameter(description = "service id") @RequestParam(required = false) String service,
            @RequestParam(required = false) Severity severity,
            @Parameter(description = "first alert received at or after (ISO-8601); default 30 days before 'to'") @RequestParam(required = false) Instant from,
            @Parameter(description = "first alert received before (ISO-8601); default now") @RequestParam(required = false) Instant to,
            @Parameter(description = "day or week") @RequestParam(defaultValue = "day") String bucket,
            @Parameter(description = "IANA time zone of the buckets") @RequestParam(defaultValue = "UTC") String zone) {
        Bucket width = Bucket.parse(bucket);
        ZoneId zoneId = Zones.parse(zone, "zone");
        AnalyticsFilter filter = filter(team, service, severity, from, to);
        return new ResponseTimesView(FilterView.of(filter), DEFINITIONS, analytics.summary(filter),
                width.name().toLowerCase(), zoneId.getId(), analytics.trend(filter, width, zoneId));
    }

    @Operation(summary = "MTTA, MTTR, escalation rate and automation share per owning team", description = DEFINITIONS)
    @GetMapping("/teams")
    TeamsView teams(@RequestParam(required = false) String service,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        AnalyticsFilter filter = filter(null, service, severity, from, to);
        return new TeamsView(FilterView.of(filter), DEFINITIONS, analytics.teams(filter));
    }

    @Operation(summary = "Pages per team: interruption load in and out of business hours", description = """
            A page is a NOTIFIED timeline entry (a notification sent to a person), counted by when it was sent, in \
            [from, to), for the team on the entry (else the incident's). Business hours: Monday to Friday, 09:00 \
            (included) to 17:00 (excluded) on the wall clock of 'zone'; everything else, weekends included, is off \
            hours.""")
    @GetMapping("/pages")
    PagesView pages(@RequestParam(required = false) String team,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @Parameter(description = "IANA time zone whose business hours count") @RequestParam(defaultValue = "UTC") String zone) {
        ZoneId zoneId = Zones.parse(zone, "zone");
        AnalyticsFilter filter = filter(team, service, severity, from, to);
        return new PagesView(FilterView.of(filter), zoneId.getId(), "Mon-Fri 09:00-17:00 " + zoneId.getId(),
                analytics.pages(filter, zoneId));
    }

    @Operation(summary = "Share of incidents resolved by automation and the time it saved", description = """
            An incident is resolved by automation when it is resolved, a remediation succeeded and no person \
            acknowledged it. Time saved: each such incident is credited with the median MTTR of comparable incidents \
            handled by people (acknowledged by a person and resolved, first alert in the same [from, to), any team): \
            the same service and severity, else the same severity; with neither it is counted in withoutComparison \
            and credited nothing.""")
    @GetMapping("/automation")
    AutomationView automation(@RequestParam(required = false) String team,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        AnalyticsFilter filter = filter(team, service, severity, from, to);
        ResponseStats stats = analytics.summary(filter);
        return new AutomationView(FilterView.of(filter), "resolved with a successful remediation and no acknowledgement by a person",
                stats.resolved(), stats.resolvedByAutomation(), stats.automationShare(), analytics.timeSaved(filter));
    }

    @Operation(summary = "Incidents not resolved now, most recently opened first")
    @GetMapping("/open-incidents")
    List<Analytics.OpenIncident> openIncidents(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return analytics.open(limit);
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidAnalyticsParameter ex) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(URI.create("https://ownwatch.io/problems/validation"));
        problem.setTitle("Invalid request");
        problem.setDetail("'" + ex.field() + "' " + ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }
}
