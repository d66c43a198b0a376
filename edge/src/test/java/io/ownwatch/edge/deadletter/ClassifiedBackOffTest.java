package io.ownwatch.edge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

class ClassifiedBackOffTest {

    private final ClassifiedBackOff backOff = new ClassifiedBackOff(bindingBackOff(), ClassifiedBackOff.unlimited(500, 30_000));

    /** What the binder passes for max-attempts 3, back-off 500 ms to 5 s. */
    private static BackOff bindingBackOff() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(2);
        backOff.setInitialInterval(500);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    @AfterEach
    void clear() {
        backOff.clear();
    }

    /** The waits before each retry of one record failing like this, attempt after attempt, until it is dead-lettered. */
    private List<Long> waits(BackOffExecution execution, FailureClass... failures) {
        List<Long> waits = new ArrayList<>();
        for (FailureClass failure : failures) {
            backOff.failed(failure);
            waits.add(execution.nextBackOff());
        }
        return waits;
    }

    @Test
    void aPermanentFailureIsDeadLetteredOnTheFirstAttempt() {
        assertThat(waits(backOff.start(), FailureClass.PERMANENT)).containsExactly(BackOffExecution.STOP);
    }

    @Test
    void anUnclassifiedFailureGetsTheBindingsRetriesThenTheDeadLetterTopic() {
        assertThat(waits(backOff.start(), FailureClass.OTHER, FailureClass.OTHER, FailureClass.OTHER))
                .containsExactly(500L, 1_000L, BackOffExecution.STOP);
    }

    @Test
    void aTransientFailureIsRetriedWithoutLimitDoublingUpToThirtySeconds() {
        BackOffExecution execution = backOff.start();
        FailureClass[] outage = new FailureClass[10_000];
        java.util.Arrays.fill(outage, FailureClass.TRANSIENT);

        List<Long> waits = waits(execution, outage);

        assertThat(waits.subList(0, 8)).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(waits).doesNotContain(BackOffExecution.STOP).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(30_000L));
    }

    @Test
    void aRecordThatFailsForGoodOnceTheOutageIsOverIsDeadLetteredRatherThanRetriedForever() {
        assertThat(waits(backOff.start(), FailureClass.TRANSIENT, FailureClass.TRANSIENT, FailureClass.PERMANENT))
                .containsExactly(500L, 1_000L, BackOffExecution.STOP);
        assertThat(waits(backOff.start(), FailureClass.TRANSIENT, FailureClass.OTHER, FailureClass.OTHER, FailureClass.OTHER))
                .as("an unclassified failure after an outage gets the binding's retries afresh")
                .containsExactly(500L, 500L, 1_000L, BackOffExecution.STOP);
    }

    @Test
    void anOutageDuringTheBindingsRetriesIsWaitedOut() {
        assertThat(waits(backOff.start(), FailureClass.OTHER, FailureClass.OTHER, FailureClass.TRANSIENT, FailureClass.TRANSIENT))
                .containsExactly(500L, 1_000L, 500L, 1_000L);
    }

    @Test
    void retriesWhenAskedBeforeAnyFailureSoSpringKafkaDoesNotTurnRetriesOff() {
        // spring-kafka's FailedRecordTracker probes start().nextBackOff() once to decide whether to retry at all.
        assertThat(backOff.start().nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
    }

    @Test
    void withoutRetriesOnTheBindingAnUnclassifiedFailureIsDeadLetteredAtOnce() {
        ClassifiedBackOff noBindingRetries = new ClassifiedBackOff(null, ClassifiedBackOff.unlimited(500, 30_000));
        noBindingRetries.failed(FailureClass.OTHER);
        try {
            assertThat(noBindingRetries.start().nextBackOff()).isEqualTo(BackOffExecution.STOP);
        } finally {
            noBindingRetries.clear();
        }
    }
}
