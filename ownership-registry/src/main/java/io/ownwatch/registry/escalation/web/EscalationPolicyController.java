package io.ownwatch.registry.escalation.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.access.NotAMemberOfTeam;
import io.ownwatch.registry.escalation.EscalationChain;
import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.EscalationPolicyNotFound;
import io.ownwatch.registry.escalation.InvalidEscalationPolicy;
import io.ownwatch.registry.escalation.Level;
import io.ownwatch.registry.escalation.Target;
import io.ownwatch.registry.escalation.TargetType;
import io.ownwatch.registry.escalation.jdbc.EscalationPolicies;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.schedule.OnCall;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.jdbc.Schedules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/api/v1/escalation-policies")
class EscalationPolicyController {

    private static final String SLUG = "must be a slug: lower-case letters, digits and '-', at most 63 characters";

    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final Memberships memberships;

    EscalationPolicyController(EscalationPolicies policies, Schedules schedules, Memberships memberships) {
        this.policies = policies;
        this.schedules = schedules;
        this.memberships = memberships;
    }

    /** A policy as JSON, the same shape in requests and answers; {@code version} as for schedules. */
    record PolicyJson(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG) String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG) String teamId,
            @Min(0) @Max(EscalationPolicy.MAX_REPEAT) int repeat,
            @NotEmpty(message = "must contain at least one level") @Size(max = 20) List<@NotNull @Valid LevelJson> levels,
            Long version) {

        static PolicyJson of(EscalationPolicy policy) {
            return new PolicyJson(policy.id(), policy.name(), policy.teamId(), policy.repeat(),
                    policy.levels().stream().map(l -> new LevelJson(l.delayMinutes(),
                            l.targets().stream().map(t -> new TargetJson(t.type(), t.id())).toList())).toList(),
                    policy.version());
        }

        EscalationPolicy toPolicy() {
            List<Level> domain = new ArrayList<>();
            for (int i = 0; i < levels.size(); i++) {
                LevelJson level = levels.get(i);
                domain.add(new Level(level.delayMinutes(), level.targets().stream().map(t -> Target.of(t.type(), t.id())).toList()));
            }
            return new EscalationPolicy(id, name, teamId, repeat, domain, version == null ? 0 : version);
        }
    }

    record LevelJson(@Min(0) @Max(1440) int delayMinutes,
            @NotEmpty(message = "must contain at least one target") @Size(max = 20) List<@NotNull @Valid TargetJson> targets) {
    }

    record TargetJson(@NotNull TargetType type, @NotBlank String id) {
    }

    /** What one target resolves to: the people it pages (a schedule's on-call, a person) or none for a channel. */
    record TargetOnCall(TargetType type, String id, List<String> personIds) {
    }

    record LevelOnCall(int level, int delayMinutes, List<String> people, List<String> channels, List<TargetOnCall> targets) {
    }

    record PolicyOnCall(String policyId, Instant at, List<LevelOnCall> levels) {
    }

    @Access.ManageOnCall
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PolicyJson> create(@Valid @RequestBody PolicyJson request, Authentication caller) {
        requireMayChange(caller, request.teamId());
        EscalationPolicy policy = policies.add(request.toPolicy());
        return ResponseEntity.created(URI.create("/api/v1/escalation-policies/" + policy.id())).body(PolicyJson.of(policy));
    }

    @Access.Read
    @GetMapping
    ItemPage<PolicyJson> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        ItemPage<EscalationPolicy> found = policies.list(page, size);
        return new ItemPage<>(found.items().stream().map(PolicyJson::of).toList(), found.page(), found.size(), found.total());
    }

    @Access.Read
    @GetMapping("/{id}")
    PolicyJson get(@PathVariable String id) {
        return PolicyJson.of(find(id));
    }

    @Access.ManageOnCall
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    PolicyJson replace(@PathVariable String id, @Valid @RequestBody PolicyJson request, Authentication caller) {
        if (!id.equals(request.id())) {
            throw new InvalidEscalationPolicy("id", "must equal the id in the path '" + id + "'");
        }
        if (request.version() == null) {
            throw new InvalidEscalationPolicy("version", "is required: the version the change is based on");
        }
        requireMayChange(caller, find(id).teamId());
        requireMayChange(caller, request.teamId());
        return PolicyJson.of(policies.replace(request.toPolicy(), request.version()));
    }

    @Access.ManageOnCall
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication caller) {
        policies.find(id).ifPresent(existing -> requireMayChange(caller, existing.teamId()));
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** For each level, whom it would page at {@code at} (default now), schedules resolved to who is on call then. */
    @Access.Read
    @GetMapping("/{id}/on-call")
    PolicyOnCall onCall(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        Instant when = at == null ? Instant.now() : at;
        EscalationPolicy policy = find(id);
        List<LevelOnCall> levels = new ArrayList<>();
        for (int i = 0; i < policy.levels().size(); i++) {
            levels.add(levelOnCall(i + 1, policy.levels().get(i), when, schedules::find));
        }
        return new PolicyOnCall(id, when, levels);
    }

    /** Whom one level (from 1) would page at {@code at} (default now). */
    @Access.Read
    @GetMapping("/{id}/levels/{level}/on-call")
    LevelOnCall levelOnCall(@PathVariable String id, @PathVariable int level,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        EscalationPolicy policy = find(id);
        if (level < 1 || level > policy.levels().size()) {
            throw new InvalidEscalationPolicy("level", "must be between 1 and " + policy.levels().size()
                    + ", the levels of policy '" + id + "'");
        }
        return levelOnCall(level, policy.levels().get(level - 1), at == null ? Instant.now() : at, schedules::find);
    }

    /** One step of the unrolled chain: when it fires for an incident opened at {@code start}, and whom it pages then. */
    record StepJson(int level, int round, long offsetMinutes, Instant at, List<String> people, List<String> channels,
            List<TargetOnCall> targets) {
    }

    record PolicySteps(String policyId, Instant start, int repeat, Instant exhaustedAt, List<StepJson> steps) {
    }

    /**
     * The whole chain, repeats included, for an incident nobody acknowledges that opened at {@code start}
     * (default now): each step's firing time and who is on call at that time.
     */
    @Access.Read
    @GetMapping("/{id}/steps")
    PolicySteps steps(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant start) {
        Instant from = start == null ? Instant.now() : start;
        EscalationPolicy policy = find(id);
        // Each schedule read once, however often the chain repeats.
        Map<String, Optional<Schedule>> read = new HashMap<>();
        Function<String, Optional<Schedule>> lookup = scheduleId -> read.computeIfAbsent(scheduleId, schedules::find);
        List<StepJson> steps = new ArrayList<>();
        for (EscalationChain.Step step : EscalationChain.unroll(policy)) {
            Instant when = from.plus(step.offset());
            LevelOnCall paged = levelOnCall(step.level(), policy.levels().get(step.level() - 1), when, lookup);
            steps.add(new StepJson(step.level(), step.round(), step.offset().toMinutes(), when, paged.people(),
                    paged.channels(), paged.targets()));
        }
        return new PolicySteps(id, from, policy.repeat(), from.plus(EscalationChain.exhaustedAfter(policy)), steps);
    }

    private static LevelOnCall levelOnCall(int number, Level level, Instant when,
            Function<String, Optional<Schedule>> schedules) {
        Set<String> people = new LinkedHashSet<>();
        List<String> channels = new ArrayList<>();
        List<TargetOnCall> targets = new ArrayList<>();
        for (Target target : level.targets()) {
            List<String> paged;
            if (target instanceof Target.OnCallOf schedule) {
                paged = schedules.apply(schedule.id()).flatMap(s -> OnCall.onCall(s, when)).stream().toList();
            } else if (target instanceof Target.Person person) {
                paged = List.of(person.id());
            } else {
                paged = List.of();
                channels.add(target.id());
            }
            people.addAll(paged);
            targets.add(new TargetOnCall(target.type(), target.id(), paged));
        }
        return new LevelOnCall(number, level.delayMinutes(), List.copyOf(people), channels, targets);
    }

    private EscalationPolicy find(String id) {
        return policies.find(id).orElseThrow(() -> new EscalationPolicyNotFound(id));
    }

    private void requireMayChange(Authentication caller, String teamId) {
        if (!Access.isOpsAdmin(caller) && !memberships.isMember(caller.getName(), teamId)) {
            throw new NotAMemberOfTeam(caller.getName(), teamId);
        }
    }
}
