package io.ownwatch.registry.schedule.web;

import java.time.Instant;
import java.util.List;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.schedule.OnCall;
import io.ownwatch.registry.schedule.jdbc.Schedules;
import io.ownwatch.registry.team.TeamNotFound;
import io.ownwatch.registry.team.Teams;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who is on call for each schedule of a team. */
@RestController
class TeamOnCallController {

    private final Teams teams;
    private final Schedules schedules;

    TeamOnCallController(Teams teams, Schedules schedules) {
        this.teams = teams;
        this.schedules = schedules;
    }

    record ScheduleOnCall(String scheduleId, String name, String personId) {
    }

    record TeamOnCall(String teamId, Instant at, List<ScheduleOnCall> schedules) {
    }

    @Access.Read
    @GetMapping("/api/v1/teams/{id}/on-call")
    TeamOnCall onCall(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        teams.find(id).orElseThrow(() -> new TeamNotFound(id));
        Instant when = at == null ? Instant.now() : at;
        return new TeamOnCall(id, when, schedules.ofTeam(id).stream()
                .map(s -> new ScheduleOnCall(s.id(), s.name(), OnCall.onCall(s, when).orElse(null)))
                .toList());
    }
}
