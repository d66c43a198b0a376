package io.ownwatch.router.escalation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry's answers for one claimed batch of escalation steps, each asked once: when a burst of incidents of
 * one service falls due together, their steps need the same policy, the same on-call person and the same channels,
 * and asking the registry once per step made escalation as slow as four HTTP calls per incident. The batch is
 * fired within moments, so its answers are as current as asking each time; a failure is not remembered (the next
 * step asks again and is deferred on its own).
 */
final class RememberingDirectory implements Directory {

    private final Directory registry;
    private final Map<String, Optional<String>> policyOfService = new HashMap<>();
    private final Map<String, Optional<String>> policyOfTeam = new HashMap<>();
    private final Map<String, Optional<PolicySnapshot>> policies = new HashMap<>();
    private final Map<String, Optional<String>> onCall = new HashMap<>();
    private final Map<String, Optional<Contact>> people = new HashMap<>();
    private final Map<String, List<TeamChannel>> channels = new HashMap<>();

    RememberingDirectory(Directory registry) {
        this.registry = registry;
    }

    @Override
    public Optional<String> policyOfService(String serviceId) {
        return remembered(policyOfService, serviceId, registry::policyOfService);
    }

    @Override
    public Optional<String> policyOfTeam(String teamId) {
        return remembered(policyOfTeam, teamId, registry::policyOfTeam);
    }

    @Override
    public Optional<PolicySnapshot> policy(String policyId) {
        return remembered(policies, policyId, registry::policy);
    }

    @Override
    public Optional<String> onCall(String scheduleId) {
        return remembered(onCall, scheduleId, registry::onCall);
    }

    @Override
    public Optional<Contact> person(String personId) {
        return remembered(people, personId, registry::person);
    }

    @Override
    public List<TeamChannel> channelsOf(String teamId) {
        return remembered(channels, teamId, registry::channelsOf);
    }

    /** Not computeIfAbsent: an answer is remembered only once the registry gave it. */
    private static <T> T remembered(Map<String, T> answers, String key, Function<String, T> ask) {
        T known = answers.get(key);
        if (known == null) {
            known = ask.apply(key);
            answers.put(key, known);
        }
        return known;
    }
}
