package io.ownwatch.registry.team.web;

import java.net.URI;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.team.Team;
import io.ownwatch.registry.team.TeamNotFound;
import io.ownwatch.registry.team.Teams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

    private final Teams teams;

    TeamController(Teams teams) {
        this.teams = teams;
    }

    record CreateTeam(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = "must be a slug: lower-case letters, digits and '-', at most 63 characters") String id,
            @NotBlank @Size(max = 200) String name) {
    }

    @Access.Administer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Team> create(@Valid @RequestBody CreateTeam request) {
        Team team = teams.add(new Team(request.id(), request.name()));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
    }

    @Access.Read
    @GetMapping
    ItemPage<Team> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return teams.list(page, size);
    }

    @Access.Read
    @GetMapping("/{id}")
    Team get(@PathVariable String id) {
        return teams.find(id).orElseThrow(() -> new TeamNotFound(id));
    }
}
