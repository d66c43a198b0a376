package io.ownwatch.registry.team.web;

import java.net.URI;
import java.util.List;

import io.ownwatch.registry.IfMatch;
import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.team.Channel;
import io.ownwatch.registry.team.ChannelType;
import io.ownwatch.registry.team.Team;
import io.ownwatch.registry.team.TeamNotFound;
import io.ownwatch.registry.team.Teams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams over HTTP. Changes use optimistic locking as services do: every answer about one team carries
 * {@code ETag: "<version>"}, and PUT and DELETE require {@code If-Match} (428 without it, 412 when
 * someone changed the team meanwhile).
 */
@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

    private final Teams teams;
    private final OwnedServices services;

    TeamController(Teams teams, OwnedServices services) {
        this.teams = teams;
        this.services = services;
    }

    record CreateTeam(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = "must be a slug: lower-case letters, digits and '-', at most 63 characters") String id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) List<@NotNull @Valid ChannelJson> channels) {
    }

    /** A full replacement of name and channels: channels not given are removed. The id is the path's. */
    record ReplaceTeam(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) List<@NotNull @Valid ChannelJson> channels) {
    }

    @AddressFitsType
    record ChannelJson(@NotNull ChannelType type, @NotBlank @Size(max = 2000) String address) {
    }

    @Access.Administer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Team> create(@Valid @RequestBody CreateTeam request) {
        Team team = teams.add(new Team(request.id(), request.name(), channels(request.channels()), 0));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id()))
                .eTag(Long.toString(team.version()))
                .body(team);
    }

    @Access.Read
    @GetMapping
    ItemPage<Team> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return teams.list(page, size);
    }

    @Access.Read
    @GetMapping("/{id}")
    ResponseEntity<Team> get(@PathVariable String id) {
        Team team = teams.find(id).orElseThrow(() -> new TeamNotFound(id));
        return ResponseEntity.ok().eTag(Long.toString(team.version())).body(team);
    }

    /**
     * ownership.v1 carries the owning team's name, so a rename publishes the team's services again, in the
     * same transaction: the new name reaches consumers exactly when it is stored.
     */
    @Access.Administer
    @Transactional
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Team> replace(@PathVariable String id, @Valid @RequestBody ReplaceTeam request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long expected = IfMatch.expectedVersion("team", id, "/api/v1/teams/" + id, ifMatch);
        // Not found before anything else: an unknown id in the path need not be a valid one.
        Team before = teams.find(id).orElseThrow(() -> new TeamNotFound(id));
        // Had the team changed since it was read, replace would refuse: before is the version being replaced.
        boolean renamed = !request.name().equals(before.name());
        if (renamed) {
            services.lockWrites();
        }
        Team team = teams.replace(new Team(id, request.name(), channels(request.channels()), expected), expected);
        if (renamed) {
            services.republishOwnedBy(id);
        }
        return ResponseEntity.ok().eTag(Long.toString(team.version())).body(team);
    }

    /** Refused (409) while a service, schedule or escalation policy names the team; channels and memberships go with it. */
    @Access.Administer
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        teams.remove(id, IfMatch.expectedVersion("team", id, "/api/v1/teams/" + id, ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static List<Channel> channels(List<ChannelJson> requested) {
        return requested == null ? List.of() : requested.stream().map(c -> new Channel(c.type(), c.address())).toList();
    }
}
