package io.ownwatch.registry.resolve;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ownership.AlertSubject;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.Precedence;

/**
 * Picks the service that owns an alert: a pure function with no I/O, so it can be tested
 * exhaustively and replayed over history.
 *
 * <p>Precedence (the rules are defined once, in {@link Precedence}): a service matches when all its
 * label matchers match AND (it has no Kubernetes selectors OR one of them matches the alert's
 * cluster/namespace/workload). Specificity = number of label matchers + number of non-wildcard
 * Kubernetes fields of the best matching selector, where an exact field counts 1 and a glob with
 * literal characters (such as {@code eu-*}) counts ½. The highest specificity wins. Ties of equal
 * label sets are refused when a service is saved; the smallest service id breaks any remaining tie,
 * so the answer never depends on storage order.
 */
public final class OwnershipMatcher {

    private OwnershipMatcher() {
    }

    /** The owning service of an alert with these labels, or empty if no service claims it. */
    public static Optional<OwnedService> bestMatch(Map<String, String> labels, Collection<OwnedService> services) {
        return bestMatch(AlertSubject.ofLabels(labels), services);
    }

    /** The owning service of the alert, or empty if no service claims it. */
    public static Optional<OwnedService> bestMatch(AlertSubject alert, Collection<OwnedService> services) {
        return Precedence.bestMatch(alert, services).map(Precedence.Scored::service);
    }
}
