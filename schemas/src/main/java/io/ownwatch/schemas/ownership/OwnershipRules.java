package io.ownwatch.schemas.ownership;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;

/**
 * Which service of {@code ownership.v1} owns an alert. Pure functions over the contract's records.
 *
 * <p>A service matches an alert when ALL its label matchers match the alert's labels AND (it has no
 * Kubernetes selectors OR at least one of them matches the alert's cluster, namespace and workload).
 * Label matchers follow Alertmanager: a missing label reads as the empty string, regular expressions
 * are anchored. Specificity = number of label matchers + the weight of the most specific matching
 * Kubernetes selector (per field: exact 1, a glob with literal characters ½, {@code *} 0); the most
 * specific service owns the alert, and the smallest service id breaks a remaining tie (the registry
 * refuses definitions that could tie, so that only happens across different label names).
 * A service that constrains nothing never claims an alert.
 */
public final class OwnershipRules {

    private static final Comparator<Scored> ORDER = Comparator.comparingInt(Scored::halfPoints).reversed()
            .thenComparing(scored -> scored.service().getServiceId());

    private OwnershipRules() {
    }

    /** A matching service and its specificity in half points. */
    public record Scored(ServiceOwnership service, int halfPoints) {
    }

    /** Whether one matcher accepts the labels. */
    public static boolean matches(MatchOp op, String label, String value, Map<String, String> labels) {
        String actual = labels.get(label);
        if (actual == null) {
            actual = "";
        }
        return switch (op) {
            case EQUALS -> actual.equals(value);
            case NOT_EQUALS -> !actual.equals(value);
            case REGEX -> Patterns.compile(value, 0).matcher(actual).matches();
            case NOT_REGEX -> !Patterns.compile(value, 0).matcher(actual).matches();
        };
    }

    /** The specificity of the service for this alert in half points, or empty if it does not match. */
    public static OptionalInt specificity(ServiceOwnership service, AlertCoordinates alert) {
        List<LabelMatcher> matchers = service.getLabelMatchers();
        if (!constrainsSomething(service)) {
            return OptionalInt.empty();
        }
        for (LabelMatcher matcher : matchers) {
            if (!matches(matcher.getOp(), matcher.getLabel(), matcher.getValue(), alert.labels())) {
                return OptionalInt.empty();
            }
        }
        int labels = 2 * matchers.size();
        if (service.getKubernetes().isEmpty()) {
            return OptionalInt.of(labels);
        }
        OptionalInt best = service.getKubernetes().stream()
                .filter(selector -> selects(selector, alert))
                .mapToInt(OwnershipRules::halfPoints)
                .max();
        return best.isPresent() ? OptionalInt.of(labels + best.getAsInt()) : OptionalInt.empty();
    }

    /** The owning service of the alert, or empty when no service matches. */
    public static Optional<Scored> bestMatch(AlertCoordinates alert, Collection<ServiceOwnership> services) {
        Scored best = null;
        for (ServiceOwnership service : services) {
            OptionalInt score = specificity(service, alert);
            if (score.isPresent()) {
                Scored candidate = new Scored(service, score.getAsInt());
                if (best == null || ORDER.compare(candidate, best) < 0) {
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A service without matchers and with only {@code *} selectors would claim every alert: that is never meant. */
    private static boolean constrainsSomething(ServiceOwnership service) {
        return !service.getLabelMatchers().isEmpty() || (!service.getKubernetes().isEmpty()
                && service.getKubernetes().stream().allMatch(selector -> halfPoints(selector) > 0));
    }

    private static boolean selects(KubernetesSelector selector, AlertCoordinates alert) {
        return Globs.matches(selector.getCluster(), alert.cluster())
                && Globs.matches(selector.getNamespace(), alert.namespace())
                && Globs.matches(selector.getWorkload(), alert.workload());
    }

    private static int halfPoints(KubernetesSelector selector) {
        return Globs.halfPoints(selector.getCluster()) + Globs.halfPoints(selector.getNamespace())
                + Globs.halfPoints(selector.getWorkload());
    }
}
