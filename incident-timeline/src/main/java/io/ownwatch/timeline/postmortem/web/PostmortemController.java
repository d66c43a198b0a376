package io.ownwatch.timeline.postmortem.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ownwatch.timeline.incident.Incident;
import io.ownwatch.timeline.incident.Offset;
import io.ownwatch.timeline.incident.TimelineEntry;
import io.ownwatch.timeline.incident.TimelineStore;
import io.ownwatch.timeline.postmortem.PostmortemDraft;
import io.ownwatch.timeline.postmortem.ReplayProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The postmortem export and the replay of an incident, readable by every Ownwatch role like its timeline. */
@RestController
@RequestMapping("/api/v1/incidents")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class PostmortemController implements DisposableBean {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");
    /** Replays wait on threads of their own; past this many at once, a new replay waits for one to finish. */
    static final int MAX_CONCURRENT_REPLAYS = 16;

    private static final Logger log = LoggerFactory.getLogger(PostmortemController.class);

    private final TimelineStore store;
    private final ReplayProperties replay;
    private final SimpleAsyncTaskExecutor replays = new SimpleAsyncTaskExecutor("replay-");

    PostmortemController(TimelineStore store, ReplayProperties replay) {
        this.store = store;
        this.replay = replay;
        replays.setConcurrencyLimit(MAX_CONCURRENT_REPLAYS);
    }

    static class IncidentNotFound extends RuntimeException {

        IncidentNotFound(String incidentId) {
            super("No incident with id '" + incidentId + "'.");
        }
    }

    /** One replayed event. */
    record ReplayedEvent(long sequence, String type, Instant occurredAt, String offset, String actorKind,
            String actorId, String summary, Map<String, String> attributes) {
    }

    @Operation(summary = "A Markdown postmortem draft of the incident", description = """
            Summary, impact window (first alert received to resolution), detection, response and resolution times, \
            the timeline as a table with offsets from the first event, remediations, the people involved, and empty \
            sections for causes and follow-ups. Times in UTC.""")
    @GetMapping(value = "/{incidentId}/postmortem.md", produces = "text/markdown")
    ResponseEntity<String> postmortem(@PathVariable String incidentId) {
        Incident incident = store.incident(incidentId).orElseThrow(() -> new IncidentNotFound(incidentId));
        return ResponseEntity.ok().contentType(MARKDOWN)
                .body(PostmortemDraft.render(incident, store.timelineOf(incidentId)));
    }

    @Operation(summary = "Replays the incident's events as Server-Sent Events", description = """
            Each event is sent as an SSE event named 'timeline' (id: its sequence) after waiting its original gap \
            to the previous event divided by 'speed'; a wait longer than ownwatch.replay.max-pause (default 5 s) \
            is cut to it, so a quiet night does not stall the replay. An 'end' event closes the stream.""")
    @GetMapping(value = "/{incidentId}/replay", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter replay(@PathVariable String incidentId,
            @RequestParam(defaultValue = "1") @DecimalMin("0.01") @DecimalMax("100000") double speed) {
        store.incident(incidentId).orElseThrow(() -> new IncidentNotFound(incidentId));
        List<TimelineEntry> entries = store.timelineOf(incidentId);
        SseEmitter emitter = new SseEmitter(0L);
        replays.execute(() -> play(emitter, entries, speed));
        return emitter;
    }

    private void play(SseEmitter emitter, List<TimelineEntry> entries, double speed) {
        try {
            Instant previous = null;
            Instant first = entries.isEmpty() ? null : entries.get(0).occurredAt();
            for (TimelineEntry entry : entries) {
                if (previous != null) {
                    Thread.sleep(replay.pause(Duration.between(previous, entry.occurredAt()), speed).toMillis());
                }
                previous = entry.occurredAt();
                emitter.send(SseEmitter.event().name("timeline").id(Long.toString(entry.sequence()))
                        .data(new ReplayedEvent(entry.sequence(), entry.type().name(), entry.occurredAt(),
                                Offset.format(Duration.between(first, entry.occurredAt())), entry.actor().kind(),
                                entry.actor().id(), entry.summary(), entry.attributes()), MediaType.APPLICATION_JSON));
            }
            emitter.send(SseEmitter.event().name("end").data(Map.of("events", entries.size()), MediaType.APPLICATION_JSON));
            emitter.complete();
        }
        catch (IOException ex) {
            // The listener went away: nothing left to play to.
            log.debug("Replay listener disconnected", ex);
            emitter.completeWithError(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            emitter.completeWithError(ex);
        }
    }

    @ExceptionHandler
    ProblemDetail notFound(IncidentNotFound ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("https://ownwatch.io/problems/not-found"));
        problem.setTitle("Incident not found");
        return problem;
    }

    @Override
    public void destroy() {
        replays.close();
    }
}
