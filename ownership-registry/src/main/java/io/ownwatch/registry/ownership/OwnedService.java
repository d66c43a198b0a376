package io.ownwatch.registry.ownership;

import java.util.List;
import java.util.Objects;

import io.ownwatch.registry.Slug;

/**
 * A service and the teams that own it.
 *
 * @param id                 a slug, stable for the service's lifetime
 * @param name               what people call the service
 * @param teamId             the owning team, paged first
 * @param secondaryTeamIds   teams that also care (informed, never paged first); never contains the owner
 * @param tier               an optional criticality tier such as {@code tier-1}
 * @param escalationPolicyId the escalation policy, when one is set
 * @param labelMatchers      all must match for an alert to belong to this service
 * @param kubernetes         where the service runs; when not empty, an alert must come from one of these
 * @param version            the row version, incremented on every change: the ETag and the published revision
 */
public record OwnedService(String id, String name, String teamId, List<String> secondaryTeamIds, String tier,
        String escalationPolicyId, List<LabelMatcher> labelMatchers, List<KubernetesSelector> kubernetes,
        long version) {

    public OwnedService {
        Slug.require(id, "service id");
        Slug.require(teamId, "team id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        Objects.requireNonNull(labelMatchers, "labelMatchers");
        labelMatchers = List.copyOf(labelMatchers);
        kubernetes = kubernetes == null ? List.of() : List.copyOf(kubernetes);
        secondaryTeamIds = secondaryTeamIds == null ? List.of() : List.copyOf(secondaryTeamIds);
        if (!constrainsSomething(labelMatchers, kubernetes)) {
            throw new IllegalArgumentException(
                    "a service needs at least one label matcher, or Kubernetes selectors that each name something other than '*'");
        }
    }

    /** A service without matchers and with only {@code *} selectors would claim every alert: that is never meant. */
    public static boolean constrainsSomething(List<LabelMatcher> labelMatchers, List<KubernetesSelector> kubernetes) {
        if (labelMatchers != null && !labelMatchers.isEmpty()) {
            return true;
        }
        return kubernetes != null && !kubernetes.isEmpty()
                && kubernetes.stream().allMatch(selector -> selector.halfPoints() > 0);
    }

    /** The same service at another version. */
    public OwnedService withVersion(long newVersion) {
        return new OwnedService(id, name, teamId, secondaryTeamIds, tier, escalationPolicyId, labelMatchers, kubernetes,
                newVersion);
    }
}
