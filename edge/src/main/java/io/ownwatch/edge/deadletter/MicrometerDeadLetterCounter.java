package io.ownwatch.edge.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/** {@code ownwatch.dead.letters} (Prometheus: {@code ownwatch_dead_letters_total}) in the service's own registry. */
final class MicrometerDeadLetterCounter implements DeadLetterCounter {

    static final String NAME = "ownwatch.dead.letters";

    // Looked up per dead letter: the registry may be created after the bindings, and dead letters are rare.
    private final ObjectProvider<MeterRegistry> registry;

    MicrometerDeadLetterCounter(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void count(String topic, String deadLetterTopic, String exception) {
        registry.ifAvailable(meters -> Counter.builder(NAME)
                .description("Records sent to a dead-letter topic")
                .tag("topic", topic)
                .tag("dlq", deadLetterTopic)
                .tag("exception", exception)
                .register(meters)
                .increment());
    }
}
