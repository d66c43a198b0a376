package io.ownwatch.router.silence.web;

import io.ownwatch.router.silence.InvalidSilence;
import io.ownwatch.router.silence.Matcher;
import io.ownwatch.router.silence.Silence;
import io.ownwatch.router.silence.SilenceNotFound;
import io.ownwatch.router.silence.Silences;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Silences and maintenance windows (a silence with a future start). Any person with a role may read them; ops-admins
 * and responders create and expire them, and the author is always the token's subject, never a field of the body.
 */
@RestController
@RequestMapping("/api/v1/silences")
@PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')")
class SilenceController {

    private final Silences silences;
    private final Clock clock;

    SilenceController(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    record MatcherRequest(@NotBlank @Size(max = 200) String label, @NotNull Matcher.Op op,
            @NotNull @Size(max = 1000) String value) {
    }

    /**
     * @param startsAt when it starts; now when absent
     * @param reason short category, e.g. "maintenance"
     * @param comment why; required
     */
    record SilenceRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull MatcherRequest> matchers, Instant startsAt,
            @NotNull Instant endsAt, @Size(max = 200) String reason, @NotBlank @Size(max = 2000) String comment) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    ResponseEntity<Silence> create(@Valid @RequestBody SilenceRequest request, Authentication caller) {
        Instant now = clock.instant();
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (!request.endsAt().isAfter(startsAt)) {
            throw new InvalidSilence("endsAt", "must be after startsAt");
        }
        if (!request.endsAt().isAfter(now)) {
            throw new InvalidSilence("endsAt", "must be in the future");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < request.matchers().size(); i++) {
            MatcherRequest m = request.matchers().get(i);
            if (m.op() == Matcher.Op.REGEX) {
                try {
                    Pattern.compile(m.value());
                } catch (PatternSyntaxException e) {
                    throw new InvalidSilence("matchers[" + i + "].value", "is not a valid regular expression: "
                            + e.getDescription());
                }
            }
            matchers.add(new Matcher(m.label().strip(), m.op(), m.value()));
        }
        Silence silence = new Silence(UUID.randomUUID(), matchers, startsAt, request.endsAt(), caller.getName(),
                request.reason(), request.comment().strip(), now, null, 1);
        silences.insert(silence);
        return ResponseEntity.created(URI.create("/api/v1/silences/" + silence.id())).body(silence);
    }

    /** Active silences (the default), or every silence with {@code state=all}. */
    @GetMapping
    List<Silence> list(@RequestParam(defaultValue = "active") State state) {
        return state == State.all ? silences.all() : silences.activeAt(clock.instant());
    }

    @GetMapping("/{id}")
    Silence silence(@PathVariable UUID id) {
        return silences.findById(id).orElseThrow(() -> new SilenceNotFound(id));
    }

    /** Ends the silence now; expiring an ended silence changes nothing. */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    @Transactional
    ResponseEntity<Void> expire(@PathVariable UUID id) {
        Silence silence = silences.findById(id).orElseThrow(() -> new SilenceNotFound(id));
        Instant now = clock.instant();
        Silence expired = silence.expire(now);
        if (expired != silence) {
            silences.expire(id, now);
        }
        return ResponseEntity.noContent().build();
    }

    /** Which silences to list. */
    enum State {
        active, all
    }
}
