package io.ownwatch.registry.resolve;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ownership.OwnedService;

/**
 * Picks the service that owns an alert, from its labels alone: a pure function with no I/O, so it
 * can be tested exhaustively and replayed over history.
 *
 * <p>A service matches when every one of its matchers matches. Among matching services the most
 * specific wins, i.e. the one with the most matchers; a tie goes to the lexicographically smallest
 * service id, so the answer never depends on storage order. (Issue 4 will refuse ambiguous
 * definitions at save time; until then the tie rule keeps resolution deterministic.)
 */
public final class OwnershipMatcher {

    private static final Comparator<OwnedService> PRECEDENCE = Comparator
            .comparingInt((OwnedService s) -> s.labelMatchers().size()).reversed()
            .thenComparing(OwnedService::id);

    private OwnershipMatcher() {
    }

    /** The owning service of an alert with these labels, or empty if no service claims it. */
    public static Optional<OwnedService> bestMatch(Map<String, String> labels, Collection<OwnedService> services) {
        return services.stream()
                .filter(service -> matchesAll(service, labels))
                .min(PRECEDENCE);
    }

    private static boolean matchesAll(OwnedService service, Map<String, String> labels) {
        // An empty matcher list cannot be stored; refuse to let it match everything if one ever appears.
        return !service.labelMatchers().isEmpty()
                && service.labelMatchers().stream().allMatch(matcher -> matcher.matches(labels));
    }
}
