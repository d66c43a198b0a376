package io.ownwatch.registry.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EscalationChainTest {

    private static final Target PRIMARY = new Target.OnCallOf("payments-primary");
    private static final Target BOB = new Target.Person("bob");
    private static final Target CHANNEL = new Target.TeamChannel("payments");

    private static EscalationPolicy policy(int repeat, Level... levels) {
        return new EscalationPolicy("payments-default", "Payments", "payments", repeat, List.of(levels), 0);
    }

    private record Fired(int level, int round, long minutes) {
    }

    private static List<Fired> fired(EscalationPolicy policy) {
        return EscalationChain.unroll(policy).stream()
                .map(step -> new Fired(step.level(), step.round(), step.offset().toMinutes()))
                .toList();
    }

    @Test
    void firesEachLevelAfterTheDelayOfTheOneBefore() {
        EscalationPolicy policy = policy(0, new Level(5, List.of(PRIMARY)), new Level(10, List.of(BOB)), new Level(30, List.of(CHANNEL)));

        assertThat(fired(policy)).containsExactly(new Fired(1, 1, 0), new Fired(2, 1, 5), new Fired(3, 1, 15));
        assertThat(EscalationChain.unroll(policy)).extracting(EscalationChain.Step::targets)
                .containsExactly(List.of(PRIMARY), List.of(BOB), List.of(CHANNEL));
    }

    @Test
    void repeatsTheWholeChainAfterTheLastLevelsDelay() {
        EscalationPolicy policy = policy(2, new Level(5, List.of(PRIMARY)), new Level(10, List.of(BOB)));

        assertThat(fired(policy)).containsExactly(
                new Fired(1, 1, 0), new Fired(2, 1, 5),
                new Fired(1, 2, 15), new Fired(2, 2, 20),
                new Fired(1, 3, 30), new Fired(2, 3, 35));
        assertThat(EscalationChain.exhaustedAfter(policy)).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aSingleLevelWithoutRepeatFiresOnceAtTheStart() {
        EscalationPolicy policy = policy(0, new Level(15, List.of(PRIMARY)));

        assertThat(fired(policy)).containsExactly(new Fired(1, 1, 0));
        assertThat(EscalationChain.exhaustedAfter(policy)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void zeroDelaysFireLevelsTogetherButStillInOrder() {
        EscalationPolicy policy = policy(1, new Level(0, List.of(PRIMARY)), new Level(0, List.of(BOB)));

        assertThat(fired(policy)).containsExactly(
                new Fired(1, 1, 0), new Fired(2, 1, 0), new Fired(1, 2, 0), new Fired(2, 2, 0));
    }

    @Test
    void aLevelWithSeveralTargetsNotifiesThemInOneStep() {
        EscalationPolicy policy = policy(1, new Level(20, List.of(PRIMARY, BOB, CHANNEL)));

        assertThat(EscalationChain.unroll(policy)).hasSize(2)
                .allSatisfy(step -> assertThat(step.targets()).containsExactly(PRIMARY, BOB, CHANNEL));
        assertThat(fired(policy)).containsExactly(new Fired(1, 1, 0), new Fired(1, 2, 20));
    }

    @Property
    void unrollsIntoRepeatPlusOneRoundsOfEveryLevelWithGrowingOffsets(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 120) Integer> delays,
            @ForAll @IntRange(min = 0, max = EscalationPolicy.MAX_REPEAT) int repeat) {
        EscalationPolicy policy = policy(repeat, delays.stream().map(d -> new Level(d, List.of(PRIMARY))).toArray(Level[]::new));
        List<EscalationChain.Step> steps = EscalationChain.unroll(policy);

        assertThat(steps).hasSize((repeat + 1) * delays.size());
        int cycle = delays.stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < steps.size(); i++) {
            EscalationChain.Step step = steps.get(i);
            assertThat(step.level()).isEqualTo(i % delays.size() + 1);
            assertThat(step.round()).isEqualTo(i / delays.size() + 1);
            int before = delays.subList(0, step.level() - 1).stream().mapToInt(Integer::intValue).sum();
            assertThat(step.offset()).isEqualTo(Duration.ofMinutes((long) (step.round() - 1) * cycle + before));
            if (i > 0) {
                assertThat(step.offset()).isGreaterThanOrEqualTo(steps.get(i - 1).offset());
            }
        }
        assertThat(EscalationChain.exhaustedAfter(policy)).isEqualTo(Duration.ofMinutes((long) cycle * (repeat + 1)));
    }
}
