package io.ownwatch.router.escalation.registry;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.ownwatch.router.escalation.Contact;
import io.ownwatch.router.escalation.Directory;
import io.ownwatch.router.escalation.PolicySnapshot;
import io.ownwatch.router.escalation.TeamChannel;
import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.ownership.RegistryClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The registry's answers for escalation steps, asked by the timer worker outside any transaction. Calls go through
 * the shared {@link RegistryClient} (the router's client-credentials token), the retry {@code registry} (reads, safe
 * to retry) and a circuit breaker of their own, {@value #INSTANCE}, so that a registry outage seen by escalation does
 * not open the breaker alert routing depends on, nor the other way round. A 404 is an answer (nothing there), any
 * other failure {@link Directory.Unreachable}.
 */
@Component
class RegistryDirectory implements Directory {

    static final String INSTANCE = "registry-escalation";
    private static final int PAGE_SIZE = 500;

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    RegistryDirectory(RegistryClient registry, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.client = registry.rest();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry("registry");
    }

    @Override
    public Optional<String> policyOfService(String serviceId) {
        return get("/api/v1/services/{id}", ServiceJson.class, serviceId)
                .map(ServiceJson::escalationPolicyId)
                .filter(id -> !id.isBlank());
    }

    @Override
    public Optional<String> policyOfTeam(String teamId) {
        // The registry has no "policies of a team" filter; its list pages carry each policy's team.
        for (int page = 0; ; page++) {
            PolicyPage found = get("/api/v1/escalation-policies?page={page}&size={size}", PolicyPage.class, page, PAGE_SIZE)
                    .orElse(null);
            if (found == null || found.items() == null || found.items().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> mine = found.items().stream()
                    .filter(policy -> teamId.equals(policy.teamId()))
                    .map(PolicyJson::id)
                    .min(Comparator.naturalOrder());
            if (mine.isPresent() || (long) (page + 1) * PAGE_SIZE >= found.total()) {
                return mine;
            }
        }
    }

    @Override
    public Optional<PolicySnapshot> policy(String policyId) {
        return get("/api/v1/escalation-policies/{id}", PolicyJson.class, policyId).map(PolicyJson::snapshot);
    }

    @Override
    public Optional<String> onCall(String scheduleId) {
        return get("/api/v1/schedules/{id}/on-call", OnCallJson.class, scheduleId).map(OnCallJson::personId);
    }

    @Override
    public Optional<Contact> person(String personId) {
        return get("/api/v1/people/{id}", PersonJson.class, personId)
                .map(person -> new Contact(person.id(), person.email(), person.slackWebhook()));
    }

    @Override
    public List<TeamChannel> channelsOf(String teamId) {
        return get("/api/v1/teams/{id}", TeamJson.class, teamId)
                .map(team -> team.channels() == null ? List.<TeamChannel>of() : team.channels().stream()
                        .map(channel -> new TeamChannel(teamId, channel(channel.type()), channel.address()))
                        .toList())
                .orElse(List.of());
    }

    private static Channel channel(String type) {
        return switch (type) {
            case "SLACK_WEBHOOK" -> Channel.SLACK;
            case "EMAIL" -> Channel.EMAIL;
            default -> Channel.WEBHOOK;
        };
    }

    private <T> Optional<T> get(String uri, Class<T> type, Object... variables) {
        Supplier<Optional<T>> call = () -> {
            try {
                return Optional.ofNullable(client.get()
                        .uri(uri, variables)
                        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                        .retrieve()
                        .body(type));
            } catch (HttpClientErrorException.NotFound e) {
                return Optional.empty();
            }
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get();
        } catch (CallNotPermittedException | RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            throw new Directory.Unreachable("registry unreachable: " + e.getClass().getSimpleName(), e);
        }
    }

    record ServiceJson(String id, String escalationPolicyId) {
    }

    record PolicyPage(List<PolicyJson> items, long total) {
    }

    record PolicyJson(String id, String teamId, int repeat, List<LevelJson> levels) {

        PolicySnapshot snapshot() {
            return new PolicySnapshot(id, teamId, repeat, levels.stream()
                    .map(level -> new PolicySnapshot.Level(level.delayMinutes(), level.targets().stream()
                            .map(target -> new PolicySnapshot.Target(PolicySnapshot.TargetType.valueOf(target.type()),
                                    target.id()))
                            .toList()))
                    .toList());
        }
    }

    record LevelJson(int delayMinutes, List<TargetJson> targets) {
    }

    record TargetJson(String type, String id) {
    }

    record OnCallJson(String scheduleId, String personId) {
    }

    record PersonJson(String id, String email, String slackWebhook) {
    }

    record TeamJson(String id, List<ChannelJson> channels) {
    }

    record ChannelJson(String type, String address) {
    }
}
