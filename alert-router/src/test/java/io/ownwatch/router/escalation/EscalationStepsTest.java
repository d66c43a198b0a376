package io.ownwatch.router.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.escalation.PolicySnapshot.Level;
import io.ownwatch.router.escalation.PolicySnapshot.Target;
import io.ownwatch.router.escalation.PolicySnapshot.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EscalationStepsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T19:40:00Z");
    private static final Target ANN = new Target(TargetType.PERSON, "ann");
    private static final Target ROTA = new Target(TargetType.SCHEDULE, "rota");
    private static final Target CHANNEL = new Target(TargetType.TEAM_CHANNEL, "payments");
    /** Level 1: the rota, 30 minutes; level 2: ann and the team channel, 15 minutes; the chain once more. */
    private static final PolicySnapshot POLICY = new PolicySnapshot("chain", "payments", 1,
            List.of(new Level(30, List.of(ROTA)), new Level(15, List.of(ANN, CHANNEL))));
    private static final Trigger DUE = new Trigger.Due(false);

    @Test
    void pagesLevelOneAtOnceWithoutEscalated() {
        Decision decision = EscalationSteps.next(POLICY, EscalationState.start(1, T0), DUE, T0);

        assertThat(decision).isEqualTo(new Decision.Page(1, 1, false, null, List.of(ROTA), T0.plus(Duration.ofMinutes(30))));
    }

    @Test
    void escalatesToNextLevelWhenNotAcknowledged() {
        Instant at = T0.plus(Duration.ofMinutes(30));
        EscalationState paged = running(1, 1, at);

        Decision decision = EscalationSteps.next(POLICY, paged, DUE, at);

        assertThat(decision).isInstanceOf(Decision.Page.class);
        Decision.Page page = (Decision.Page) decision;
        assertThat(page.level()).isEqualTo(2);
        assertThat(page.round()).isEqualTo(1);
        assertThat(page.escalated()).isTrue();
        assertThat(page.reason()).isEqualTo("not acknowledged within 30 min of level 1");
        assertThat(page.targets()).containsExactly(ANN, CHANNEL);
        assertThat(page.nextDueAt()).isEqualTo(at.plus(Duration.ofMinutes(15)));
    }

    @Test
    void repeatsTheChainAfterTheLastLevelAsAnEscalation() {
        Instant at = T0.plus(Duration.ofMinutes(45));

        Decision.Page page = (Decision.Page) EscalationSteps.next(POLICY, running(1, 2, at), DUE, at);

        assertThat(page.round()).isEqualTo(2);
        assertThat(page.level()).isEqualTo(1);
        assertThat(page.escalated()).isTrue();
        assertThat(page.reason()).contains("repeat round 2 of 2");
    }

    @Test
    void exhaustsAfterTheLastLevelOfTheLastRound() {
        Instant at = T0.plus(Duration.ofMinutes(90));

        Decision decision = EscalationSteps.next(POLICY, running(2, 2, at), DUE, at);

        assertThat(decision).isEqualTo(new Decision.Exhaust(2, 2));
    }

    @Test
    void doesNothingBeforeTheDeadline() {
        EscalationState paged = running(1, 1, T0.plus(Duration.ofMinutes(30)));

        assertThat(EscalationSteps.next(POLICY, paged, DUE, T0.plus(Duration.ofMinutes(29))))
                .isEqualTo(new Decision.Unchanged());
    }

    @Test
    void acknowledgementBetweenLevelsStopsIt() {
        EscalationState paged = running(1, 1, T0.plus(Duration.ofMinutes(30)));

        assertThat(EscalationSteps.next(POLICY, paged, new Trigger.Acknowledged(), T0.plus(Duration.ofMinutes(3))))
                .isEqualTo(new Decision.Stop("acknowledged"));
        assertThat(EscalationSteps.next(POLICY, paged, new Trigger.Resolved(), T0.plus(Duration.ofMinutes(3))))
                .isEqualTo(new Decision.Stop("resolved"));
    }

    @Test
    void aStoppedEscalationNeverPagesAgain() {
        EscalationState stopped = new EscalationState(EscalationState.Status.STOPPED, 1, 1, 1, null, null);

        assertThat(EscalationSteps.next(POLICY, stopped, DUE, T0.plus(Duration.ofDays(1)))).isEqualTo(new Decision.Unchanged());
        assertThat(EscalationSteps.next(POLICY, stopped, new Trigger.EscalateNow("rb", "failed"), T0))
                .isEqualTo(new Decision.Unchanged());
    }

    @Test
    void reassignRestartsOnTheNewTeamUnlessAcknowledged() {
        EscalationState paged = running(1, 2, T0.plus(Duration.ofMinutes(45)));

        assertThat(EscalationSteps.next(POLICY, paged, new Trigger.Reassigned("identity", false), T0))
                .isEqualTo(new Decision.Restart("identity"));
        assertThat(EscalationSteps.next(POLICY, paged, new Trigger.Reassigned("identity", true), T0))
                .isEqualTo(new Decision.Stop("reassigned while acknowledged"));
        EscalationState exhausted = new EscalationState(EscalationState.Status.EXHAUSTED, 1, 2, 2, null, null);
        assertThat(EscalationSteps.next(POLICY, exhausted, new Trigger.Reassigned("identity", false), T0))
                .isEqualTo(new Decision.Restart("identity"));
    }

    @Test
    void aReopenedIncidentStartsOverWhateverBecameOfTheLastChain() {
        EscalationState stopped = new EscalationState(EscalationState.Status.STOPPED, 1, 1, 2, null, null);
        EscalationState exhausted = new EscalationState(EscalationState.Status.EXHAUSTED, 2, 2, 2, null, null);

        assertThat(EscalationSteps.next(POLICY, stopped, new Trigger.Reopened("payments"), T0))
                .isEqualTo(new Decision.Restart("payments"));
        assertThat(EscalationSteps.next(POLICY, exhausted, new Trigger.Reopened("payments"), T0))
                .isEqualTo(new Decision.Restart("payments"));
        assertThat(EscalationSteps.next(null, running(1, 1, T0), new Trigger.Reopened("payments"), T0))
                .as("no snapshot needed: the restarted chain takes a fresh one")
                .isEqualTo(new Decision.Restart("payments"));
    }

    @Test
    void theSnapshotWinsOverAPolicyChangedMidWay() {
        // The state was reached under POLICY; whatever the registry holds now, the snapshot decides.
        PolicySnapshot edited = new PolicySnapshot("chain", "payments", 0, List.of(new Level(5, List.of(ANN))));
        Instant at = T0.plus(Duration.ofMinutes(30));

        Decision.Page underSnapshot = (Decision.Page) EscalationSteps.next(POLICY, running(1, 1, at), DUE, at);
        Decision underEdit = EscalationSteps.next(edited, running(1, 1, at), DUE, at);

        assertThat(underSnapshot.level()).isEqualTo(2);
        assertThat(underSnapshot.targets()).containsExactly(ANN, CHANNEL);
        assertThat(underEdit).isEqualTo(new Decision.Exhaust(1, 1));
    }

    @Test
    void aHeldFirstPageWaitsForTheGraceButNeverComesEarlier() {
        EscalationState pending = EscalationState.start(1, T0);

        assertThat(EscalationSteps.next(POLICY, pending, new Trigger.FirstPageHeld("rb", Duration.ofMinutes(5)), T0))
                .isEqualTo(new Decision.Reschedule(T0.plus(Duration.ofMinutes(5)), null));
        EscalationState late = EscalationState.start(1, T0.plus(Duration.ofMinutes(10)));
        assertThat(EscalationSteps.next(POLICY, late, new Trigger.FirstPageHeld("rb", Duration.ofMinutes(5)), T0))
                .isEqualTo(new Decision.Unchanged());
    }

    @Test
    void holdingAfterLevelOnePagedChangesNothing() {
        EscalationState paged = running(1, 1, T0.plus(Duration.ofMinutes(30)));

        assertThat(EscalationSteps.next(POLICY, paged, new Trigger.FirstPageHeld("rb", Duration.ofMinutes(60)), T0))
                .isEqualTo(new Decision.Unchanged());
    }

    @Test
    void escalateNowBringsTheNextLevelForwardWithItsReason() {
        EscalationState paged = running(1, 1, T0.plus(Duration.ofMinutes(30)));
        Instant now = T0.plus(Duration.ofMinutes(2));

        Decision.Reschedule moved = (Decision.Reschedule) EscalationSteps.next(POLICY, paged,
                new Trigger.EscalateNow("drain-queue", "failed: HTTP 500"), now);
        assertThat(moved.dueAt()).isEqualTo(now);

        EscalationState forward = new EscalationState(EscalationState.Status.RUNNING, 1, 1, 1, moved.dueAt(), moved.reason());
        Decision.Page page = (Decision.Page) EscalationSteps.next(POLICY, forward, DUE, now);
        assertThat(page.level()).isEqualTo(2);
        assertThat(page.escalated()).isTrue();
        assertThat(page.reason()).isEqualTo("remediation drain-queue: failed: HTTP 500");
    }

    @Test
    void escalateNowOnAHeldFirstPagePagesLevelOneWithoutEscalated() {
        EscalationState held = EscalationState.start(1, T0.plus(Duration.ofMinutes(5)));

        Decision.Reschedule moved = (Decision.Reschedule) EscalationSteps.next(POLICY, held,
                new Trigger.EscalateNow("rb", "rejected"), T0.plus(Duration.ofMinutes(1)));
        EscalationState now = new EscalationState(EscalationState.Status.PENDING, 1, 1, 0, moved.dueAt(), moved.reason());
        Decision.Page page = (Decision.Page) EscalationSteps.next(POLICY, now, DUE, moved.dueAt());

        assertThat(moved.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(page.level()).isEqualTo(1);
        assertThat(page.escalated()).isFalse();
    }

    @Test
    void lowSeverityPostsQuietly() {
        assertThat(EscalationSteps.next(POLICY, EscalationState.start(1, T0), new Trigger.Due(true), T0))
                .isEqualTo(new Decision.PostQuietly());
    }

    @Test
    void aDueStepNeedsItsSnapshot() {
        assertThatThrownBy(() -> EscalationSteps.next(null, EscalationState.start(1, T0), DUE, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void teamChannelsOnlyPostsOnceThenIsExhausted() {
        PolicySnapshot channels = PolicySnapshot.teamChannelsOnly("operations");

        Decision.Page first = (Decision.Page) EscalationSteps.next(channels, EscalationState.start(1, T0), DUE, T0);
        assertThat(first.targets()).containsExactly(new Target(TargetType.TEAM_CHANNEL, "operations"));
        assertThat(EscalationSteps.next(channels, running(1, 1, T0), DUE, T0)).isEqualTo(new Decision.Exhaust(1, 1));
    }

    /**
     * Unacknowledged, any policy walks every level of every round in order, exactly once each, ESCALATED on all but
     * the very first page, at the offsets the registry's unrolled chain names, and then exhausts.
     */
    @Property(tries = 300)
    void walksTheUnrolledChainThenExhausts(@ForAll("policies") PolicySnapshot policy) {
        EscalationState state = EscalationState.start(1, T0);
        Instant now = T0;
        List<String> walked = new ArrayList<>();
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Decision decision = EscalationSteps.next(policy, state, DUE, now);
            if (decision instanceof Decision.Exhaust exhaust) {
                assertThat(exhaust.rounds()).isEqualTo(policy.repeat() + 1);
                break;
            }
            Decision.Page page = (Decision.Page) decision;
            assertThat(page.escalated()).isEqualTo(!walked.isEmpty());
            walked.add(page.round() + "/" + page.level());
            offsets.add(Duration.between(T0, now).toMinutes());
            state = new EscalationState(EscalationState.Status.RUNNING, 1, page.round(), page.level(), page.nextDueAt(), null);
            now = page.nextDueAt();
        }
        List<String> expected = new ArrayList<>();
        List<Long> expectedOffsets = new ArrayList<>();
        for (int round = 1; round <= policy.repeat() + 1; round++) {
            for (int level = 1; level <= policy.levels().size(); level++) {
                expected.add(round + "/" + level);
                expectedOffsets.add(offset);
                offset += policy.level(level).delayMinutes();
            }
        }
        assertThat(walked).isEqualTo(expected);
        assertThat(offsets).isEqualTo(expectedOffsets);
        assertThat(Duration.between(T0, now).toMinutes()).isEqualTo(offset);
    }

    /** Whenever an acknowledgement comes, nothing is paged after it. */
    @Property(tries = 200)
    void nothingPagesAfterAnAcknowledgement(@ForAll("policies") PolicySnapshot policy,
            @ForAll @IntRange(min = 0, max = 30) int stepsBeforeAck) {
        EscalationState state = EscalationState.start(1, T0);
        Instant now = T0;
        for (int i = 0; i < stepsBeforeAck; i++) {
            Decision decision = EscalationSteps.next(policy, state, DUE, now);
            if (!(decision instanceof Decision.Page page)) {
                break;
            }
            state = new EscalationState(EscalationState.Status.RUNNING, 1, page.round(), page.level(), page.nextDueAt(), null);
            now = page.nextDueAt();
        }
        Decision ack = EscalationSteps.next(policy, state, new Trigger.Acknowledged(), now);
        if (state.status().running()) {
            assertThat(ack).isInstanceOf(Decision.Stop.class);
        }
        EscalationState stopped = new EscalationState(EscalationState.Status.STOPPED, 1, state.round(), state.level(), null, null);
        for (int minutes : List.of(0, 1, 60, 100_000)) {
            assertThat(EscalationSteps.next(policy, stopped, DUE, now.plus(Duration.ofMinutes(minutes))))
                    .isEqualTo(new Decision.Unchanged());
        }
    }

    @Provide
    Arbitrary<PolicySnapshot> policies() {
        Arbitrary<Target> targets = Arbitraries.of(ANN, ROTA, CHANNEL);
        Arbitrary<Level> levels = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 120),
                targets.list().ofMinSize(1).ofMaxSize(3)).as(Level::new);
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4), levels.list().ofMinSize(1).ofMaxSize(5))
                .as((repeat, list) -> new PolicySnapshot("p", "payments", repeat, list));
    }

    private static EscalationState running(int round, int level, Instant dueAt) {
        return new EscalationState(EscalationState.Status.RUNNING, 1, round, level, dueAt, null);
    }
}
