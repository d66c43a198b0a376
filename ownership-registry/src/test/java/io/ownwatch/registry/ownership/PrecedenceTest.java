package io.ownwatch.registry.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecedenceTest {

    private static OwnedService service(String id, List<LabelMatcher> matchers, KubernetesSelector... selectors) {
        return new OwnedService(id, id, "team-" + id, List.of(), null, null, matchers, List.of(selectors), 0);
    }

    private static LabelMatcher m(String label, MatchOp op, String value) {
        return new LabelMatcher(label, op, value);
    }

    private static LabelMatcher eq(String label, String value) {
        return m(label, MatchOp.EQUALS, value);
    }

    private static KubernetesSelector k8s(String cluster, String namespace, String workload) {
        return new KubernetesSelector(cluster, namespace, workload);
    }

    private static Optional<String> owner(AlertSubject alert, OwnedService... services) {
        return Precedence.bestMatch(alert, List.of(services)).map(scored -> scored.service().id());
    }

    private static AlertSubject alert(String cluster, String namespace, String workload, String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return AlertSubject.of(map, cluster, namespace, workload);
    }

    @Nested
    class Matching {

        @Test
        void aServiceWithoutSelectorsMatchesOnLabelsAlone() {
            OwnedService checkout = service("checkout", List.of(eq("service", "checkout")));
            assertThat(Precedence.specificity(checkout, alert("eu-1", "shop", "x", "service", "checkout"))).hasValue(2);
            assertThat(Precedence.specificity(checkout, alert(null, null, null, "service", "cart"))).isEmpty();
        }

        @Test
        void aServiceWithSelectorsNeedsOneOfThemToMatch() {
            OwnedService checkout = service("checkout", List.of(eq("service", "checkout")),
                    k8s("eu-*", "shop", "checkout-*"), k8s("us-1", "shop", "*"));
            assertThat(Precedence.specificity(checkout, alert("eu-2", "shop", "checkout-api", "service", "checkout")))
                    .hasValue(2 + 1 + 2 + 1);
            assertThat(Precedence.specificity(checkout, alert("us-1", "shop", "anything", "service", "checkout")))
                    .hasValue(2 + 2 + 2);
            assertThat(Precedence.specificity(checkout, alert("ap-1", "shop", "checkout-api", "service", "checkout"))).isEmpty();
            assertThat(Precedence.specificity(checkout, alert(null, null, null, "service", "checkout")))
                    .as("unknown coordinates only match '*'").isEmpty();
        }

        @Test
        void theMostSpecificMatchingSelectorCounts() {
            OwnedService shop = service("shop", List.of(), k8s("*", "shop", "*"), k8s("eu-1", "shop", "cart"));
            assertThat(Precedence.specificity(shop, alert("eu-1", "shop", "cart"))).hasValue(6);
            assertThat(Precedence.specificity(shop, alert("eu-2", "shop", "cart"))).hasValue(2);
        }

        @Test
        void readsCoordinatesFromLabelsWhenNotGiven() {
            AlertSubject fromLabels = AlertSubject.of(
                    Map.of("cluster", "eu-1", "namespace", "shop", "deployment", "checkout-api"), null, null, null);
            assertThat(fromLabels.cluster()).isEqualTo("eu-1");
            assertThat(fromLabels.namespace()).isEqualTo("shop");
            assertThat(fromLabels.workload()).isEqualTo("checkout-api");
            assertThat(AlertSubject.of(Map.of("workload", "w"), null, null, null).workload()).isEqualTo("w");
            assertThat(AlertSubject.of(Map.of("deployment", "d", "workload", "w"), null, null, null).workload()).isEqualTo("d");
            assertThat(AlertSubject.of(Map.of("cluster", "from-label"), "given", null, null).cluster()).isEqualTo("given");
        }

        @Test
        void keepsALabelSentAsNullAndReadsItAsEmpty() {
            Map<String, String> labels = new HashMap<>();
            labels.put("service", null);
            OwnedService empty = service("empty", List.of(eq("service", "")));
            assertThat(Precedence.specificity(empty, AlertSubject.ofLabels(labels))).hasValue(2);
        }
    }

    @Nested
    class Resolution {

        private final OwnedService byLabel = service("by-label", List.of(eq("app", "checkout")));
        private final OwnedService inEu = service("in-eu", List.of(eq("app", "checkout")), k8s("eu-*", "*", "*"));
        private final OwnedService inEu1 = service("in-eu-1", List.of(eq("app", "checkout")), k8s("eu-1", "*", "*"));
        private final OwnedService shopWorkload = service("shop-workload", List.of(), k8s("*", "shop", "checkout-*"));

        @Test
        void exactBeatsGlobBeatsNoSelector() {
            AlertSubject alert = alert("eu-1", "shop", "checkout-api", "app", "checkout");
            assertThat(owner(alert, byLabel, inEu, inEu1)).hasValue("in-eu-1");
            assertThat(owner(alert("eu-2", "shop", "x", "app", "checkout"), byLabel, inEu, inEu1)).hasValue("in-eu");
            assertThat(owner(alert("us-1", "shop", "x", "app", "checkout"), byLabel, inEu, inEu1)).hasValue("by-label");
        }

        @Test
        void kubernetesFieldsCanOutweighALabelMatcher() {
            // shop-workload: exact namespace (1) + glob workload (½) = 1.5 beats one label matcher (1).
            AlertSubject alert = alert("us-1", "shop", "checkout-api", "app", "checkout");
            assertThat(owner(alert, byLabel, shopWorkload)).hasValue("shop-workload");
            // ...but not a label matcher plus an exact cluster (2).
            assertThat(owner(alert("eu-1", "shop", "checkout-api", "app", "checkout"), inEu1, shopWorkload)).hasValue("in-eu-1");
        }

        @Test
        void theAnswerDoesNotDependOnInputOrder() {
            AlertSubject alert = alert("eu-1", "shop", "checkout-api", "app", "checkout");
            List<OwnedService> all = new ArrayList<>(List.of(byLabel, inEu, inEu1, shopWorkload));
            Optional<String> first = Precedence.bestMatch(alert, all).map(s -> s.service().id());
            for (int i = 0; i < 10; i++) {
                java.util.Collections.shuffle(all, new Random(i));
                assertThat(Precedence.bestMatch(alert, all).map(s -> s.service().id())).isEqualTo(first);
            }
        }
    }

    @Nested
    class Ties {

        @Test
        void refusesTheSameLabelSetWithCompatibleValues() {
            OwnedService a = service("a", List.of(m("service", MatchOp.REGEX, "check.*")));
            OwnedService b = service("b", List.of(eq("service", "checkout")));
            assertThat(Precedence.mayTie(a, b)).isPresent();
            assertThat(Precedence.tieWith(b, List.of(a))).map(Precedence.Tie::otherServiceId).hasValue("a");
        }

        @Test
        void acceptsTheSameLabelSetWithContradictoryValues() {
            OwnedService checkout = service("checkout", List.of(eq("service", "checkout")));
            assertThat(Precedence.mayTie(checkout, service("cart", List.of(eq("service", "cart"))))).isEmpty();
            assertThat(Precedence.mayTie(checkout, service("pay", List.of(m("service", MatchOp.REGEX, "payments(-api)?")))))
                    .isEmpty();
            assertThat(Precedence.mayTie(checkout, service("not", List.of(m("service", MatchOp.NOT_EQUALS, "checkout")))))
                    .isEmpty();
            assertThat(Precedence.mayTie(checkout, service("nre", List.of(m("service", MatchOp.NOT_REGEX, "check.*")))))
                    .isEmpty();
        }

        @Test
        void twoRegexesAreDisjointOnlyWhenTheirLiteralPrefixesDiffer() {
            OwnedService api = service("api", List.of(m("app", MatchOp.REGEX, "api-.*")));
            assertThat(Precedence.mayTie(api, service("web", List.of(m("app", MatchOp.REGEX, "web-.*"))))).isEmpty();
            assertThat(Precedence.mayTie(api, service("apix", List.of(m("app", MatchOp.REGEX, "api-eu.*"))))).isPresent();
            assertThat(Precedence.mayTie(api, service("any", List.of(m("app", MatchOp.REGEX, "(api|web)-.*"))))).isPresent();
            assertThat(Precedence.mayTie(api, service("opt", List.of(m("app", MatchOp.REGEX, "apix?-.*"))))).isPresent();
        }

        @Test
        void differentLabelSetsAreNotCompared() {
            assertThat(Precedence.mayTie(service("a", List.of(eq("service", "x"))), service("b", List.of(eq("app", "x")))))
                    .isEmpty();
        }

        @Test
        void differentSpecificityNeverTies() {
            OwnedService one = service("one", List.of(eq("app", "checkout")));
            OwnedService inEu = service("eu", List.of(eq("app", "checkout")), k8s("eu-*", "*", "*"));
            assertThat(Precedence.mayTie(one, inEu)).isEmpty();
        }

        @Test
        void equalSpecificityWithOverlappingGlobsTies() {
            OwnedService a = service("a", List.of(eq("app", "checkout")), k8s("eu-*", "*", "*"));
            OwnedService b = service("b", List.of(eq("app", "checkout")), k8s("*", "*", "checkout-*"));
            assertThat(Precedence.mayTie(a, b)).get().asString().contains("eu-*/*/*").contains("1.5");
            OwnedService us = service("us", List.of(eq("app", "checkout")), k8s("us-*", "*", "*"));
            assertThat(Precedence.mayTie(a, us)).as("eu-* and us-* never meet").isEmpty();
        }

        @Test
        void aServiceWithoutSelectorsIsEverywhere() {
            OwnedService labelsOnly = service("labels", List.of(eq("app", "a"), eq("env", "prod")));
            OwnedService exactCluster = service("cluster", List.of(eq("app", "a")), k8s("eu-1", "*", "*"));
            // Both weigh 2 but on different label sets: not compared.
            assertThat(Precedence.mayTie(labelsOnly, exactCluster)).isEmpty();
            OwnedService sameLabels = service("same", List.of(eq("app", "a"), eq("env", "prod")), k8s("*", "*", "*"));
            assertThat(Precedence.mayTie(labelsOnly, sameLabels)).isPresent();
        }

        @Test
        void ignoresTheServiceItselfAndPicksTheSmallestOtherId() {
            OwnedService me = service("me", List.of(eq("app", "a")));
            OwnedService z = service("z", List.of(eq("app", "a")));
            OwnedService b = service("b", List.of(eq("app", "a")));
            assertThat(Precedence.tieWith(me, List.of(me, z, b))).map(Precedence.Tie::otherServiceId).hasValue("b");
            assertThat(Precedence.tieWith(me, List.of(me))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
                "checkout ; checkout",
                "check.*  ; check",
                "ab?c     ; a",
                "ab*      ; a",
                "ab+      ; ab",
                "ab{2}    ; a",
                "(api|web) ; ''",
                "a|b      ; ''",
                ".*       ; ''"})
        void findsTheCertainLiteralPrefixOfARegex(String regex, String prefix) {
            Optional<String> found = Precedence.literalPrefix(regex.strip());
            if (prefix.isEmpty() && regex.contains("|")) {
                assertThat(found).isEmpty();
            }
            else {
                assertThat(found).hasValue(prefix.strip());
            }
        }

        /**
         * Soundness of the save-time check, on thousands of random pairs: whenever some alert is
         * matched by two services on the same label set with equal specificity, saving must be refused.
         */
        @Test
        void neverLetsARealTieThrough() {
            Random random = new Random(7);
            List<String> values = List.of("a", "b", "ab", "");
            List<String> globs = List.of("*", "a", "b", "a*", "*b", "ab");
            int ties = 0;
            for (int i = 0; i < 5_000; i++) {
                OwnedService x = randomService("x", random, values, globs);
                OwnedService y = randomService("y", random, values, globs);
                for (int j = 0; j < 20; j++) {
                    AlertSubject alert = new AlertSubject(
                            Map.of("l1", values.get(random.nextInt(values.size())), "l2", values.get(random.nextInt(values.size()))),
                            values.get(random.nextInt(values.size())), values.get(random.nextInt(values.size())),
                            values.get(random.nextInt(values.size())));
                    OptionalInt sx = Precedence.specificity(x, alert);
                    OptionalInt sy = Precedence.specificity(y, alert);
                    boolean sameLabels = x.labelMatchers().stream().map(LabelMatcher::label).distinct().sorted().toList()
                            .equals(y.labelMatchers().stream().map(LabelMatcher::label).distinct().sorted().toList());
                    if (sameLabels && sx.isPresent() && sy.isPresent() && sx.getAsInt() == sy.getAsInt()) {
                        ties++;
                        assertThat(Precedence.mayTie(x, y)).as("%s and %s tie on %s", x, y, alert).isPresent();
                    }
                }
            }
            assertThat(ties).as("the generator produces real ties").isGreaterThan(100);
        }

        private static OwnedService randomService(String id, Random random, List<String> values, List<String> globs) {
            List<LabelMatcher> matchers = new ArrayList<>();
            int count = 1 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                MatchOp op = MatchOp.values()[random.nextInt(MatchOp.values().length)];
                String value = op.isRegex() ? List.of("a.*", "b.*", "a", "ab?", ".*").get(random.nextInt(5))
                        : values.get(random.nextInt(values.size()));
                matchers.add(new LabelMatcher(random.nextBoolean() ? "l1" : "l2", op, value));
            }
            List<KubernetesSelector> selectors = new ArrayList<>();
            int selectorCount = random.nextInt(3);
            for (int i = 0; i < selectorCount; i++) {
                selectors.add(new KubernetesSelector(globs.get(random.nextInt(globs.size())),
                        globs.get(random.nextInt(globs.size())), globs.get(random.nextInt(globs.size()))));
            }
            return new OwnedService(id, id, "team", List.of(), null, null, matchers, selectors, 0);
        }
    }
}
