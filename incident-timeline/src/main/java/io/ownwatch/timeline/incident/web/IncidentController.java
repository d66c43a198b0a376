package io.ownwatch.timeline.incident.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.ItemPage;
import io.ownwatch.timeline.incident.Incident;
import io.ownwatch.timeline.incident.IncidentQuery;
import io.ownwatch.timeline.incident.IncidentStatus;
import io.ownwatch.timeline.incident.Offset;
import io.ownwatch.timeline.incident.TimelineGaps;
import io.ownwatch.timeline.incident.TimelineEntry;
import io.ownwatch.timeline.incident.TimelineStore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The timeline's read-only API. Its access rule, the only one of this service: any person with an
 * Ownwatch role may read incidents and timelines (the edge module answers 401 without a token).
 */
@RestController
@RequestMapping("/api/v1/incidents")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class IncidentController {

    private final TimelineStore store;
    private final TimelineGaps gaps;

    IncidentController(TimelineStore store, TimelineGaps gaps) {
        this.store = store;
        this.gaps = gaps;
    }

    /**
     * An incident in a list or on its own. {@code missingEvents} counts sequence numbers not (yet) received;
     * {@code gapReported} says they have been missing for longer than the configured hold.
     */
    record IncidentView(String incidentId, String serviceId, String teamId, String severity, String summary,
            IncidentStatus status, Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, long eventCount,
            Instant firstAlertAt, Instant firstPersonAcknowledgedAt, Instant firstAutomationAcknowledgedAt,
            Instant firstResolvedAt, int escalations, int notifications, int remediationsRequested,
            int remediationsSucceeded, int remediationsFailed, int reopened, boolean resolvedByAutomation,
            long missingEvents, boolean gapReported) {

        static IncidentView of(Incident incident, boolean gapReported) {
            Incident.Response response = incident.response();
            Incident.Counts counts = incident.counts();
            return new IncidentView(incident.incidentId(), incident.serviceId(), incident.teamId(),
                    incident.severity().name(), incident.summary(), incident.status(), incident.openedAt(),
                    incident.acknowledgedAt(), incident.resolvedAt(), incident.eventCount(), response.firstAlertAt(),
                    response.firstPersonAckAt(), response.firstAutomationAckAt(), response.firstResolvedAt(),
                    counts.escalations(), counts.notifications(), counts.remediationsRequested(),
                    counts.remediationsSucceeded(), counts.remediationsFailed(), counts.reopened(),
                    incident.resolvedByAutomation(), incident.lastSequence() - incident.eventCount(), gapReported);
        }
    }

    record ActorView(String kind, String id) {
    }

    /**
     * One timeline entry, with the gaps a responder or postmortem author reads first: since the
     * previous entry (null for the first), since the incident opened, and {@code offset}, the time since
     * the first entry as {@code +HH:MM:SS}.
     */
    record EventView(String eventId, long sequence, String type, Instant occurredAt, Long sincePreviousMillis,
            long sinceOpenedMillis, String offset, ActorView actor, String serviceId, String teamId, String severity, String summary,
            Map<String, String> attributes) {
    }

    record TimelineView(String incidentId, List<EventView> events) {
    }

    static class IncidentNotFound extends RuntimeException {

        IncidentNotFound(String incidentId) {
            super("No incident with id '" + incidentId + "'.");
        }
    }

    @GetMapping
    ItemPage<IncidentView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(required = false) IncidentStatus status,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String serviceId) {
        ItemPage<Incident> incidents = store.incidents(new IncidentQuery(status, teamId, serviceId, page, size));
        return new ItemPage<>(incidents.items().stream().map(this::view).toList(), incidents.page(),
                incidents.size(), incidents.total());
    }

    /** Incidents with events missing for longer than the configured hold, oldest gap first. */
    @GetMapping("/gaps")
    List<TimelineGaps.Gap> gaps() {
        return gaps.reported();
    }

    @GetMapping("/{incidentId}")
    IncidentView get(@PathVariable String incidentId) {
        return store.incident(incidentId).map(this::view).orElseThrow(() -> new IncidentNotFound(incidentId));
    }

    private IncidentView view(Incident incident) {
        return IncidentView.of(incident, incident.hasGap() && gaps.isReported(incident.incidentId()));
    }

    @GetMapping("/{incidentId}/timeline")
    TimelineView timeline(@PathVariable String incidentId) {
        Incident incident = store.incident(incidentId).orElseThrow(() -> new IncidentNotFound(incidentId));
        List<EventView> events = new ArrayList<>();
        Instant previous = null;
        Instant first = null;
        for (TimelineEntry entry : store.timelineOf(incidentId)) {
            first = first == null ? entry.occurredAt() : first;
            events.add(new EventView(entry.eventId(), entry.sequence(), entry.type().name(), entry.occurredAt(),
                    previous == null ? null : Duration.between(previous, entry.occurredAt()).toMillis(),
                    Duration.between(incident.openedAt(), entry.occurredAt()).toMillis(),
                    Offset.format(Duration.between(first, entry.occurredAt())),
                    new ActorView(entry.actor().kind(), entry.actor().id()), entry.serviceId(), entry.teamId(),
                    entry.severity().name(), entry.summary(), entry.attributes()));
            previous = entry.occurredAt();
        }
        return new TimelineView(incidentId, events);
    }

    @ExceptionHandler
    ProblemDetail notFound(IncidentNotFound ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/not-found"));
        problem.setTitle("Incident not found");
        return problem;
    }
}
