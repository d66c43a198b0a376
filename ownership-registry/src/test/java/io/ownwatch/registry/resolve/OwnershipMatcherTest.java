package io.ownwatch.registry.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ownership.InvalidLabelMatcher;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.OwnedService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnershipMatcherTest {

    private static OwnedService service(String id, LabelMatcher... matchers) {
        return new OwnedService(id, "Service " + id, "team-" + id, List.of(), null, null, Arrays.asList(matchers), List.of(), 0);
    }

    private static LabelMatcher eq(String label, String value) {
        return new LabelMatcher(label, MatchOp.EQUALS, value);
    }

    private static Optional<String> owner(Map<String, String> labels, OwnedService... services) {
        return OwnershipMatcher.bestMatch(labels, List.of(services)).map(OwnedService::id);
    }

    @Test
    void findsTheServiceWhoseOnlyMatcherMatches() {
        assertThat(owner(Map.of("service", "checkout", "severity", "critical"),
                service("checkout", eq("service", "checkout")),
                service("payments", eq("service", "payments"))))
                .contains("checkout");
    }

    @Test
    void findsNoOwnerWhenNothingMatches() {
        assertThat(owner(Map.of("service", "search"), service("checkout", eq("service", "checkout")))).isEmpty();
    }

    @Test
    void findsNoOwnerAmongNoServices() {
        assertThat(owner(Map.of("service", "checkout"))).isEmpty();
    }

    @Test
    void requiresEveryMatcherOfAServiceToMatch() {
        OwnedService checkoutProd = service("checkout-prod", eq("service", "checkout"), eq("env", "prod"));
        assertThat(owner(Map.of("service", "checkout", "env", "staging"), checkoutProd)).isEmpty();
        assertThat(owner(Map.of("service", "checkout", "env", "prod"), checkoutProd)).contains("checkout-prod");
    }

    @Test
    void prefersTheServiceWithMoreMatchersWhenSeveralMatch() {
        Map<String, String> labels = Map.of("service", "checkout", "env", "prod", "region", "eu");
        assertThat(owner(labels,
                service("a-generic", eq("service", "checkout")),
                service("z-specific", eq("service", "checkout"), eq("env", "prod"), eq("region", "eu")),
                service("m-middle", eq("service", "checkout"), eq("env", "prod"))))
                .contains("z-specific");
    }

    @Test
    void breaksATieByTheSmallestServiceIdWhateverTheInputOrder() {
        Map<String, String> labels = Map.of("service", "checkout", "env", "prod");
        OwnedService beta = service("beta", eq("service", "checkout"));
        OwnedService alpha = service("alpha", eq("env", "prod"));
        assertThat(owner(labels, beta, alpha)).contains("alpha");
        assertThat(owner(labels, alpha, beta)).contains("alpha");
    }

    @Test
    void aMoreSpecificServiceThatDoesNotFullyMatchNeverWins() {
        Map<String, String> labels = Map.of("service", "checkout");
        assertThat(owner(labels,
                service("broad", eq("service", "checkout")),
                service("narrow", eq("service", "checkout"), eq("env", "prod"))))
                .contains("broad");
    }

    @ParameterizedTest(name = "{0} {1} ''{2}'' on ''{3}'' -> {4}")
    @CsvSource(nullValues = "MISSING", value = {
            "EQUALS,     service, checkout,      checkout,      true",
            "EQUALS,     service, checkout,      checkout-api,  false",
            "EQUALS,     service, checkout,      Checkout,      false",
            "EQUALS,     service, checkout,      MISSING,       false",
            "EQUALS,     service, '',            MISSING,       true",
            "NOT_EQUALS, service, checkout,      search,        true",
            "NOT_EQUALS, service, checkout,      checkout,      false",
            "NOT_EQUALS, service, checkout,      MISSING,       true",
            "REGEX,      service, check.*,       checkout,      true",
            "REGEX,      service, check,         checkout,      false",
            "REGEX,      service, out,           checkout,      false",
            "REGEX,      service, checkout|cart, cart,          true",
            "REGEX,      service, .*,            MISSING,       true",
            "REGEX,      service, .+,            MISSING,       false",
            "NOT_REGEX,  service, check.*,       checkout,      false",
            "NOT_REGEX,  service, check.*,       search,        true",
            "NOT_REGEX,  service, .+,            MISSING,       true",
    })
    void matchesLabelsAsAlertmanagerDoes(MatchOp op, String label, String value, String actual, boolean expected) {
        Map<String, String> labels = actual == null ? Map.of("other", "x") : Map.of(label, actual);
        assertThat(new LabelMatcher(label, op, value).matches(labels)).isEqualTo(expected);
    }

    @Test
    void aServiceOfOnlyNegativeMatchersClaimsAlertsWithoutThoseValues() {
        OwnedService notSearch = service("not-search", new LabelMatcher("service", MatchOp.NOT_EQUALS, "search"));
        assertThat(owner(Map.of("service", "checkout"), notSearch)).contains("not-search");
        assertThat(owner(Map.of("service", "search"), notSearch)).isEmpty();
    }

    @Test
    void refusesARegexThatDoesNotCompile() {
        assertThatThrownBy(() -> new LabelMatcher("service", MatchOp.REGEX, "check(out"))
                .isInstanceOf(InvalidLabelMatcher.class)
                .hasMessageContaining("check(out");
    }

    @Test
    void acceptsAnyLiteralForEqualityOperators() {
        assertThat(new LabelMatcher("service", MatchOp.EQUALS, "check(out").matches(Map.of("service", "check(out")))
                .isTrue();
    }

    @Test
    void refusesAServiceWithoutMatchers() {
        assertThatThrownBy(() -> new OwnedService("checkout", "Checkout", "payments", List.of(), null, null, List.of(), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one label matcher");
    }
}
