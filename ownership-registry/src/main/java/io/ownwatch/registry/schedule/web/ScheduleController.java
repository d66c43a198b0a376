package io.ownwatch.registry.schedule.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.access.NotAMemberOfTeam;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.schedule.Gap;
import io.ownwatch.registry.schedule.InvalidSchedule;
import io.ownwatch.registry.schedule.OnCall;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.ScheduleNotFound;
import io.ownwatch.registry.schedule.Shift;
import io.ownwatch.registry.schedule.jdbc.Schedules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {

    /** The longest period one shifts request may cover: enough for a quarter's planning, bounded work per request. */
    static final Duration MAX_PERIOD = Duration.ofDays(90);

    private final Schedules schedules;
    private final Memberships memberships;

    ScheduleController(Schedules schedules, Memberships memberships) {
        this.schedules = schedules;
        this.memberships = memberships;
    }

    record OnCallAnswer(String scheduleId, Instant at, String personId) {
    }

    record ShiftsAnswer(String scheduleId, Instant from, Instant to, List<Shift> shifts, List<Gap> gaps) {
    }

    @Access.ManageOnCall
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScheduleJson> create(@Valid @RequestBody ScheduleJson request, Authentication caller) {
        requireMayChange(caller, request.teamId());
        Schedule schedule = schedules.add(request.toSchedule());
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + schedule.id())).body(ScheduleJson.of(schedule));
    }

    @Access.Read
    @GetMapping
    ItemPage<ScheduleJson> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        ItemPage<Schedule> found = schedules.list(page, size);
        return new ItemPage<>(found.items().stream().map(ScheduleJson::of).toList(), found.page(), found.size(), found.total());
    }

    @Access.Read
    @GetMapping("/{id}")
    ScheduleJson get(@PathVariable String id) {
        return ScheduleJson.of(find(id));
    }

    /** Replaces the schedule; the body's {@code version} must be the one read (409 otherwise). */
    @Access.ManageOnCall
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScheduleJson replace(@PathVariable String id, @Valid @RequestBody ScheduleJson request, Authentication caller) {
        if (!id.equals(request.id())) {
            throw new InvalidSchedule("id", "must equal the id in the path '" + id + "'");
        }
        if (request.version() == null) {
            throw new InvalidSchedule("version", "is required: the version the change is based on");
        }
        requireMayChange(caller, find(id).teamId());
        requireMayChange(caller, request.teamId());
        return ScheduleJson.of(schedules.replace(request.toSchedule(), request.version()));
    }

    @Access.ManageOnCall
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication caller) {
        schedules.find(id).ifPresent(existing -> requireMayChange(caller, existing.teamId()));
        schedules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Adds an override, which wins over every layer and over earlier overrides. */
    @Access.ManageOnCall
    @PostMapping(path = "/{id}/overrides", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScheduleJson> override(@PathVariable String id, @Valid @RequestBody ScheduleJson.OverrideJson request,
            Authentication caller) {
        requireMayChange(caller, find(id).teamId());
        Schedule schedule = schedules.addOverride(id, request.toOverride(""));
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + id)).body(ScheduleJson.of(schedule));
    }

    /** Who is on call at {@code at} (default now); {@code personId} is null when nobody is. */
    @Access.Read
    @GetMapping("/{id}/on-call")
    OnCallAnswer onCall(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        Instant when = at == null ? Instant.now() : at;
        return new OnCallAnswer(id, when, OnCall.onCall(find(id), when).orElse(null));
    }

    /** The merged shifts and the gaps in [from, to): from defaults to now, to to seven days later, at most 90 days. */
    @Access.Read
    @GetMapping("/{id}/shifts")
    ShiftsAnswer shifts(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Instant start = from == null ? Instant.now() : from;
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : to;
        if (!end.isAfter(start)) {
            throw new InvalidSchedule("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidSchedule("to", "must be at most 90 days after from");
        }
        Schedule schedule = find(id);
        return new ShiftsAnswer(id, start, end, OnCall.timeline(schedule, start, end), OnCall.gaps(schedule, start, end));
    }

    private Schedule find(String id) {
        return schedules.find(id).orElseThrow(() -> new ScheduleNotFound(id));
    }

    /** Ops-admins change every team's schedules; a responder only their own team's. */
    private void requireMayChange(Authentication caller, String teamId) {
        if (!Access.isOpsAdmin(caller) && !memberships.isMember(caller.getName(), teamId)) {
            throw new NotAMemberOfTeam(caller.getName(), teamId);
        }
    }
}
