package io.ownwatch.registry.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.ownwatch.schemas.ownership.Globs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesSelectorTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "*        | eu-west-1   | true",
            "*        | ''          | true",
            "*        | NULL        | true",
            "eu-*     | eu-west-1   | true",
            "eu-*     | eu-         | true",
            "eu-*     | us-east-1   | false",
            "eu-*     | NULL        | false",
            "*-prod   | shop-prod   | true",
            "*-prod   | shop-prod-2 | false",
            "a*b*c    | abc         | true",
            "a*b*c    | axxbyyc     | true",
            "a*b*c    | acb         | false",
            "shop     | shop        | true",
            "shop     | shop2       | false",
            "shop     | Shop        | false",
            "a.b      | aXb         | false",
            "a.b      | a.b         | true",
            "**       | anything    | true"})
    void matchesGlobsWithStarAsTheOnlyWildcard(String glob, String value, boolean expected) {
        assertThat(Globs.matches(glob.strip(), value == null ? null : value.strip())).isEqualTo(expected);
    }

    @Test
    void aMissingFieldMeansAnywhere() {
        KubernetesSelector selector = new KubernetesSelector(null, " ", "checkout-*");
        assertThat(selector.cluster()).isEqualTo("*");
        assertThat(selector.namespace()).isEqualTo("*");
        assertThat(selector.matches("any", "thing", "checkout-api")).isTrue();
        assertThat(selector.matches("any", "thing", "cart")).isFalse();
    }

    @Test
    void weighsExactFieldsTwiceAsMuchAsGlobsAndWildcardsNothing() {
        assertThat(new KubernetesSelector("*", "*", "*").halfPoints()).isZero();
        assertThat(new KubernetesSelector("eu-*", "*", "*").halfPoints()).isEqualTo(1);
        assertThat(new KubernetesSelector("eu-1", "*", "*").halfPoints()).isEqualTo(2);
        assertThat(new KubernetesSelector("eu-*", "shop", "checkout-*").halfPoints()).isEqualTo(4);
        assertThat(new KubernetesSelector("eu-1", "shop", "checkout").halfPoints()).isEqualTo(6);
        assertThat(new KubernetesSelector("*-prod", "*", "*").halfPoints()).isEqualTo(1);
    }

    @ParameterizedTest(name = "''{0}'' and ''{1}'' may intersect: {2}")
    @CsvSource(delimiter = '|', value = {
            "*      | anything | true",
            "eu-*   | eu-1     | true",
            "eu-*   | us-1     | false",
            "eu-*   | eu-west-*| true",
            "eu-*   | us-*     | false",
            "*-prod | *-stage  | false",
            "*-prod | *prod    | true",
            "a      | a        | true",
            "a      | b        | false",
            "eu-*   | *-prod   | true",
            "a*     | *b       | true"})
    void decidesWhetherTwoGlobsMayMeet(String a, String b, boolean expected) {
        assertThat(Globs.mayIntersect(a.strip(), b.strip())).isEqualTo(expected);
        assertThat(Globs.mayIntersect(b.strip(), a.strip())).as("symmetric").isEqualTo(expected);
    }

    /** Soundness: whenever some string matches both globs, the check must say they may intersect. */
    @Test
    void neverCallsTwoGlobsDisjointWhenAStringMatchesBoth() {
        Random random = new Random(42);
        List<String> parts = List.of("a", "b", "ab", "-", "*");
        for (int i = 0; i < 20_000; i++) {
            String a = randomString(random, parts);
            String b = randomString(random, parts);
            String value = randomString(random, List.of("a", "b", "-", "ab", "ba"));
            if (Globs.matches(a, value) && Globs.matches(b, value)) {
                assertThat(Globs.mayIntersect(a, b)).as("'%s' and '%s' both match '%s'", a, b, value).isTrue();
            }
        }
    }

    private static String randomString(Random random, List<String> parts) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            text.append(parts.get(random.nextInt(parts.size())));
        }
        return text.toString();
    }
}
