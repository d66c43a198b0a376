package io.ownwatch.router.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import org.junit.jupiter.api.Test;

class OwnershipViewTest {

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final OwnershipView view = new OwnershipView(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, Duration.ofMinutes(1));

    private static ServiceOwnership service(String id, String team, long revision, String serviceLabel) {
        return ServiceOwnership.newBuilder()
                .setServiceId(id)
                .setName(id + " service")
                .setTeamId(team)
                .setTeamName(team.toUpperCase())
                .setEscalationPolicyId(team + "-policy")
                .setLabelMatchers(List.of(LabelMatcher.newBuilder().setLabel("service").setOp(MatchOp.EQUALS).setValue(serviceLabel).build()))
                .setRevision(revision)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    @Test
    void answersWithTheMatchingServiceAndItsTeamAndPolicy() {
        view.apply("checkout", service("checkout", "payments", 1, "checkout"));
        view.apply("search", service("search", "discovery", 1, "search"));

        assertThat(view.owner(Map.of("service", "checkout", "severity", "critical")))
                .contains(new Owner.Resolved("checkout", "checkout service", "payments", "PAYMENTS", "payments-policy"));
        assertThat(view.owner(Map.of("service", "billing"))).isEmpty();
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void aNewerRevisionReplacesAnOlderOneButNeverTheReverse() {
        view.apply("checkout", service("checkout", "payments", 2, "checkout"));
        view.apply("checkout", service("checkout", "identity", 1, "checkout"));
        assertThat(view.owner(Map.of("service", "checkout"))).hasValueSatisfying(owner -> assertThat(owner.teamId()).isEqualTo("payments"));

        view.apply("checkout", service("checkout", "identity", 3, "checkout"));
        assertThat(view.owner(Map.of("service", "checkout"))).hasValueSatisfying(owner -> assertThat(owner.teamId()).isEqualTo("identity"));
    }

    @Test
    void aTombstoneRemovesTheService() {
        view.apply("checkout", service("checkout", "payments", 1, "checkout"));
        view.apply("checkout", null);

        assertThat(view.owner(Map.of("service", "checkout"))).isEmpty();
        assertThat(view.size()).isZero();
    }

    @Test
    void isCurrentOnlyWhileTheFeedKeepsConfirmingIt() {
        assertThat(view.isCurrent()).as("never confirmed").isFalse();

        view.confirmCurrent();
        now = now.plusSeconds(60);
        assertThat(view.isCurrent()).as("confirmed a minute ago").isTrue();

        now = now.plusSeconds(1);
        assertThat(view.isCurrent()).as("confirmation too old").isFalse();

        view.confirmCurrent();
        assertThat(view.isCurrent()).isTrue();
        assertThat(view.confirmedAt()).contains(now);
    }
}
