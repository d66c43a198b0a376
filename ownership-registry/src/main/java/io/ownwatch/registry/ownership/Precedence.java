package io.ownwatch.registry.ownership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which service owns an alert when several could, and which definitions could tie. Pure functions,
 * no I/O, so they are tested exhaustively.
 *
 * <h2>Matching</h2>
 * A service matches an alert when ALL its label matchers match the alert's labels AND (it has no
 * Kubernetes selectors OR at least one of its selectors matches the alert's cluster, namespace and
 * workload). Unknown coordinates read as empty, which only {@code *} matches.
 *
 * <h2>Specificity</h2>
 * specificity = number of label matchers + the weight of the most specific matching Kubernetes
 * selector, where each selector field weighs 1 when exact ({@code shop}), ½ when a glob with literal
 * characters ({@code eu-*}) and 0 when {@code *}. Exact beats glob beats wildcard. The most specific
 * matching service owns the alert. (Computed in half points, so everything stays integral.)
 *
 * <h2>Ties are refused when saved</h2>
 * Saving a service is refused (naming the other service) when, for some pair of its selectors and
 * another service's selectors (a service without selectors counts as one "anywhere" selector):
 * <ol>
 *   <li>both constrain the SAME set of label names,</li>
 *   <li>no label is provably contradictory between them (an {@code EQUALS x} against {@code EQUALS y},
 *       {@code NOT_EQUALS x}, a regex {@code x} does not match, or a negated regex {@code x} matches; two
 *       regexes only when their literal prefixes differ),</li>
 *   <li>the Kubernetes globs may intersect field by field (literal prefixes and suffixes compatible), and</li>
 *   <li>the two specificities are equal.</li>
 * </ol>
 * Within one label set the check is conservative: it may refuse a pair no alert could actually match
 * (two different regexes on the same label), never the reverse. Services keyed on DIFFERENT label
 * names (one on {@code service}, another on {@code app}) are not compared: an alert carrying both
 * labels is then resolved by the tie-break of last resort, the smallest service id, so the answer is
 * still deterministic. Give such services one more matcher to make the intent explicit.
 */
public final class Precedence {

    /** Resolution order among matches: highest specificity, then smallest id (only reachable across label sets). */
    private static final Comparator<Scored> ORDER = Comparator.comparingInt(Scored::halfPoints).reversed()
            .thenComparing(scored -> scored.service().id());

    private Precedence() {
    }

    /** A matching service and its specificity in half points. */
    public record Scored(OwnedService service, int halfPoints) {
    }

    /** The specificity of the service for this alert in half points, or empty if it does not match. */
    public static OptionalInt specificity(OwnedService service, AlertSubject alert) {
        if (!service.labelMatchers().stream().allMatch(matcher -> matcher.matches(alert.labels()))) {
            return OptionalInt.empty();
        }
        int labels = 2 * service.labelMatchers().size();
        if (service.kubernetes().isEmpty()) {
            return OptionalInt.of(labels);
        }
        OptionalInt best = service.kubernetes().stream()
                .filter(selector -> selector.matches(alert.cluster(), alert.namespace(), alert.workload()))
                .mapToInt(KubernetesSelector::halfPoints)
                .max();
        return best.isPresent() ? OptionalInt.of(labels + best.getAsInt()) : OptionalInt.empty();
    }

    /** The owning service of the alert, or empty when no service matches. */
    public static Optional<Scored> bestMatch(AlertSubject alert, Collection<OwnedService> services) {
        List<Scored> matches = new ArrayList<>();
        for (OwnedService service : services) {
            // Never let a service that constrains nothing claim every alert, should one ever be loaded.
            if (!OwnedService.constrainsSomething(service.labelMatchers(), service.kubernetes())) {
                continue;
            }
            specificity(service, alert).ifPresent(points -> matches.add(new Scored(service, points)));
        }
        return matches.stream().min(ORDER);
    }

    /** Why two services could tie. */
    public record Tie(String otherServiceId, String reason) {
    }

    /** The first other service (by id) that could tie with the candidate for some alert. */
    public static Optional<Tie> tieWith(OwnedService candidate, Collection<OwnedService> others) {
        return others.stream()
                .filter(other -> !other.id().equals(candidate.id()))
                .sorted(Comparator.comparing(OwnedService::id))
                .map(other -> mayTie(candidate, other).map(reason -> new Tie(other.id(), reason)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Why {@code a} and {@code b} could match one alert with equal specificity, or empty if they cannot. */
    public static Optional<String> mayTie(OwnedService a, OwnedService b) {
        if (!labelNames(a).equals(labelNames(b)) || !labelsMayAgree(a.labelMatchers(), b.labelMatchers())) {
            return Optional.empty();
        }
        for (KubernetesSelector sa : selectorsOrAnywhere(a)) {
            for (KubernetesSelector sb : selectorsOrAnywhere(b)) {
                int pointsA = 2 * a.labelMatchers().size() + sa.halfPoints();
                int pointsB = 2 * b.labelMatchers().size() + sb.halfPoints();
                if (pointsA == pointsB && sa.mayIntersect(sb)) {
                    return Optional.of("both match labels " + labelNames(a) + " compatibly"
                            + (a.kubernetes().isEmpty() && b.kubernetes().isEmpty() ? ""
                                    : " and Kubernetes selectors " + describe(sa) + " / " + describe(sb) + " can overlap")
                            + ", with equal specificity " + formatPoints(pointsA));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(KubernetesSelector selector) {
        return selector.cluster() + "/" + selector.namespace() + "/" + selector.workload();
    }

    private static String formatPoints(int halfPoints) {
        return halfPoints % 2 == 0 ? Integer.toString(halfPoints / 2) : (halfPoints / 2) + ".5";
    }

    private static List<KubernetesSelector> selectorsOrAnywhere(OwnedService service) {
        return service.kubernetes().isEmpty() ? List.of(new KubernetesSelector(null, null, null)) : service.kubernetes();
    }

    private static Set<String> labelNames(OwnedService service) {
        return service.labelMatchers().stream().map(LabelMatcher::label).collect(Collectors.toCollection(HashSet::new));
    }

    /** False only when some label's matchers provably exclude each other. */
    public static boolean labelsMayAgree(List<LabelMatcher> a, List<LabelMatcher> b) {
        for (LabelMatcher ma : a) {
            for (LabelMatcher mb : b) {
                if (ma.label().equals(mb.label()) && disjoint(ma, mb)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether no value can satisfy both matchers of one label (sound: true only when certain). */
    static boolean disjoint(LabelMatcher a, LabelMatcher b) {
        if (a.op() != MatchOp.EQUALS && b.op() == MatchOp.EQUALS) {
            return disjoint(b, a);
        }
        if (a.op() == MatchOp.EQUALS) {
            return !b.matches(java.util.Map.of(b.label(), a.value()));
        }
        if (a.op() == MatchOp.REGEX && b.op() == MatchOp.REGEX) {
            Optional<String> pa = literalPrefix(a.value());
            Optional<String> pb = literalPrefix(b.value());
            return pa.isPresent() && pb.isPresent()
                    && !pa.get().startsWith(pb.get()) && !pb.get().startsWith(pa.get());
        }
        return false;
    }

    /**
     * The literal text every match of an (anchored) regex starts with, when it is certain: empty when
     * the regex alternates at any level, or starts with a construct we do not analyse.
     */
    static Optional<String> literalPrefix(String regex) {
        if (regex.indexOf('|') >= 0) {
            return Optional.empty();
        }
        String meta = ".[]{}()\\*+?^$|";
        int end = 0;
        while (end < regex.length() && meta.indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        // A quantifier right after the literal run makes its last character optional or repeatable.
        if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0 && end > 0) {
            end--;
        }
        return Optional.of(Objects.requireNonNull(regex.substring(0, end)));
    }
}
