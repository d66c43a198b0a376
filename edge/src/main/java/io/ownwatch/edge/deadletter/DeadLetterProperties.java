package io.ownwatch.edge.deadletter;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A service's additions to the dead-letter policy. The dead-letter topic itself is each binding's
 * {@code dlq-name}, and the retries of unclassified failures its {@code max-attempts} and back-off.
 *
 * @param permanentExceptions fully qualified names of the service's own exceptions that retrying cannot fix (a
 *        cause of that class or a subclass sends the record to the dead-letter topic on the first attempt), e.g.
 *        {@code io.ownwatch.timeline.incident.SequenceConflict}
 * @param transientExceptions fully qualified names of further exceptions meaning "something we need is away":
 *        retried without limit, never dead-lettered
 * @param transientInitialInterval the first wait before retrying a transient failure; doubles on every attempt
 * @param transientMaxInterval the longest wait between two attempts at a transient failure
 */
@Validated
@ConfigurationProperties("ownwatch.dead-letter")
record DeadLetterProperties(
        List<@Pattern(regexp = CLASS_NAME, message = "must be a fully qualified class name") String> permanentExceptions,
        List<@Pattern(regexp = CLASS_NAME, message = "must be a fully qualified class name") String> transientExceptions,
        @NotNull @DefaultValue("500ms") Duration transientInitialInterval,
        @NotNull @DefaultValue("30s") Duration transientMaxInterval) {

    static final String CLASS_NAME = "([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)+[\\p{L}_$][\\p{L}\\p{N}_$]*";

    DeadLetterProperties {
        permanentExceptions = permanentExceptions == null ? List.of() : List.copyOf(permanentExceptions);
        transientExceptions = transientExceptions == null ? List.of() : List.copyOf(transientExceptions);
    }
}
