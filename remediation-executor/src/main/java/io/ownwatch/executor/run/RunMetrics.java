package io.ownwatch.executor.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.executor.policy.Decision;
import org.springframework.stereotype.Component;

/** {@code ownwatch.executor.runs{outcome}} for every finished run and {@code ownwatch.executor.refusals{reason}}. */
@Component
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(RunState state) {
        Counter.builder("ownwatch.executor.runs").description("Remediation runs by how they ended")
                .tag("outcome", state.name()).register(registry).increment();
    }

    void refused(Decision.Code code) {
        Counter.builder("ownwatch.executor.refusals").description("Runs the policy refused, by reason")
                .tag("reason", code.name()).register(registry).increment();
    }
}
