package io.ownwatch.router.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.Page;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

    private static final UUID INCIDENT = UUID.fromString("6c1e4e0a-0000-4000-8000-000000000001");
    private static final Contact ANN = new Contact("ann", "ann@example.com", "https://hooks.slack.com/services/T/B/ann");
    private static final Contact BEN = new Contact("ben", "ben@example.com", null);
    private static final NotificationPolicy.Step LEVEL_2 = new NotificationPolicy.Step(INCIDENT, "payments", 1, 1, 2,
            Map.of("summary", "Checkout down"));
    private static final Function<String, List<ContactRule>> NO_RULES = person -> List.of();

    @Test
    void defaultsToEmailAndSlackWhenThePersonHasAWebhook() {
        List<NotificationPolicy.Planned> planned = NotificationPolicy.plan(LEVEL_2, List.of(ANN, BEN), NO_RULES, List.of());

        assertThat(planned).extracting(p -> p.page().notificationId()).containsExactly(
                INCIDENT + ":r1:l2:ann:EMAIL", INCIDENT + ":r1:l2:ann:SLACK", INCIDENT + ":r1:l2:ben:EMAIL");
        assertThat(planned).extracting(p -> p.page().address()).containsExactly(
                "ann@example.com", "https://hooks.slack.com/services/T/B/ann", "ben@example.com");
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.delay()).isZero();
            assertThat(p.page().kind()).isEqualTo(Page.Kind.PERSON_PAGE);
            assertThat(p.page().level()).isEqualTo(2);
            assertThat(p.page().details()).containsEntry("summary", "Checkout down");
        });
    }

    @Test
    void storedRulesReplaceTheDefaultAndDelayedOnesWait() {
        Function<String, List<ContactRule>> rules = person -> person.equals("ann")
                ? List.of(new ContactRule(Channel.SLACK, 0), new ContactRule(Channel.EMAIL, 10))
                : List.of();

        List<NotificationPolicy.Planned> planned = NotificationPolicy.plan(LEVEL_2, List.of(ANN), rules, List.of());

        assertThat(planned).extracting(p -> p.page().notificationId())
                .containsExactly(INCIDENT + ":r1:l2:ann:SLACK", INCIDENT + ":r1:l2:ann:EMAIL+10m");
        assertThat(planned).extracting(NotificationPolicy.Planned::delay)
                .containsExactly(Duration.ZERO, Duration.ofMinutes(10));
    }

    @Test
    void aRuleForAChannelThePersonLacksIsSkipped() {
        Function<String, List<ContactRule>> slackOnly = person -> List.of(new ContactRule(Channel.SLACK, 0),
                new ContactRule(Channel.EMAIL, 5));

        List<NotificationPolicy.Planned> planned = NotificationPolicy.plan(LEVEL_2, List.of(BEN), slackOnly, List.of());

        assertThat(planned).extracting(p -> p.page().channel()).containsExactly(Channel.EMAIL);
    }

    @Test
    void teamChannelsArePostedNotPaged() {
        List<TeamChannel> channels = List.of(new TeamChannel("payments", Channel.SLACK, "https://hooks.slack.com/services/T/B/team"),
                new TeamChannel("payments", Channel.EMAIL, "payments@example.com"));

        List<NotificationPolicy.Planned> planned = NotificationPolicy.plan(LEVEL_2, List.of(), NO_RULES, channels);

        assertThat(planned).extracting(p -> p.page().notificationId())
                .containsExactly(INCIDENT + ":r1:l2:team-payments-1:SLACK", INCIDENT + ":r1:l2:team-payments-2:EMAIL");
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.page().kind()).isEqualTo(Page.Kind.TEAM_POST);
            assertThat(p.page().personId()).isNull();
        });
    }

    @Test
    void aRestartedEscalationHasIdsOfItsOwn() {
        NotificationPolicy.Step restarted = new NotificationPolicy.Step(INCIDENT, "identity", 2, 1, 1, Map.of());

        assertThat(NotificationPolicy.plan(restarted, List.of(BEN), NO_RULES, List.of()))
                .extracting(p -> p.page().notificationId()).containsExactly(INCIDENT + ":g2:r1:l1:ben:EMAIL");
    }

    /** One page per person, channel, delay and level, however often a person is a target of the level. */
    @Property(tries = 100)
    void planningIsDeterministicAndPagesEachPersonOncePerChannel(@ForAll @IntRange(min = 1, max = 5) int copies) {
        List<Contact> repeated = java.util.Collections.nCopies(copies, ANN);

        List<NotificationPolicy.Planned> once = NotificationPolicy.plan(LEVEL_2, repeated, NO_RULES, List.of());
        List<NotificationPolicy.Planned> again = NotificationPolicy.plan(LEVEL_2, repeated, NO_RULES, List.of());

        assertThat(once).hasSize(2).isEqualTo(again);
    }

    @Test
    void theStormGuardAdmitsUpToTheCapAndHoldsBackTheRest() {
        assertThat(StormGuard.split(List.of("a", "b", "c"), 0, 5)).isEqualTo(new StormGuard.Split(List.of("a", "b", "c"), List.of()));
        assertThat(StormGuard.split(List.of("a", "b", "c"), 3, 5)).isEqualTo(new StormGuard.Split(List.of("a", "b"), List.of("c")));
        assertThat(StormGuard.split(List.of("a", "b"), 7, 5)).isEqualTo(new StormGuard.Split(List.of(), List.of("a", "b")));
    }

    @Property(tries = 200)
    void theStormGuardNeverExceedsTheCap(@ForAll @IntRange(min = 0, max = 30) int already,
            @ForAll @IntRange(min = 1, max = 20) int cap, @ForAll @IntRange(min = 0, max = 10) int wanted) {
        List<String> people = java.util.stream.IntStream.range(0, wanted).mapToObj(i -> "p" + i).toList();

        StormGuard.Split split = StormGuard.split(people, already, cap);

        assertThat(already + split.paged().size()).isLessThanOrEqualTo(Math.max(cap, already));
        assertThat(split.paged().size() + split.heldBack().size()).isEqualTo(wanted);
        if (already + wanted <= cap) {
            assertThat(split.heldBack()).isEmpty();
        }
    }
}
