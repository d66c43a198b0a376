package io.ownwatch.executor.catalog.kafka;

import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookStep;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The {@code followRunbooks} and {@code followOwnership} bindings: runbooks.v1 and ownership.v1 read from offset 0
 * by every instance (no consumer group), so a new database is filled from the compacted topics. Applying a record
 * twice is harmless: the catalog never moves a runbook back to an older version.
 */
@Configuration(proxyBeanMethods = false)
class CatalogBindings {

    private static final Logger log = LoggerFactory.getLogger(CatalogBindings.class);

    @Bean
    Consumer<Message<?>> followRunbooks(RunbookCatalog catalog) {
        return message -> {
            if (message.getPayload() instanceof RunbookVersion version) {
                apply(catalog, version);
            }
            else {
                // The registry never writes tombstones or other types here; one odd record must not stop the feed.
                log.warn("Skipping a record on runbooks.v1 (key {}) that is not a RunbookVersion: {}",
                        message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload().getClass().getName());
            }
        };
    }

    @Bean
    Consumer<Message<?>> followOwnership(RunbookCatalog catalog) {
        return message -> {
            Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
            if (message.getPayload() instanceof ServiceOwnership ownership) {
                catalog.owned(ownership.getServiceId(), ownership.getTeamId(), ownership.getRevision());
            }
            else if (key != null && !(message.getPayload() instanceof org.apache.avro.specific.SpecificRecord)) {
                // A tombstone: the service was deleted.
                catalog.deleted(key.toString());
            }
        };
    }

    static void apply(RunbookCatalog catalog, RunbookVersion version) {
        if (version.getStatus() != RunbookStatus.APPROVED) {
            catalog.retired(version.getRunbookId(), version.getVersion());
            return;
        }
        List<ActionStep> steps = new ArrayList<>();
        for (RunbookStep step : version.getSteps()) {
            if (step.getAction() == io.ownwatch.events.ActionType.UNKNOWN) {
                // An action this executor cannot read must never run: the version leaves the catalog, and requests
                // for it are refused as "not in the catalog".
                log.warn("Runbook {} v{} has step '{}' with an action this executor does not know; not runnable",
                        version.getRunbookId(), version.getVersion(), step.getName());
                catalog.retired(version.getRunbookId(), version.getVersion());
                return;
            }
            steps.add(new ActionStep(step.getName(), ActionType.valueOf(step.getAction().name()), step.getSettings()));
        }
        catalog.approved(toRunbook(version, steps));
    }

    static Runbook toRunbook(RunbookVersion version, List<ActionStep> steps) {
        return new Runbook(version.getRunbookId(), version.getVersion(), version.getContentHash(), version.getTitle(),
                version.getOwnerTeamId(), Runbook.Mode.valueOf(version.getMode().name()),
                Runbook.Risk.valueOf(version.getRiskClass().name()), version.getSelfService(), version.getServiceIds(),
                version.getParameterSchema(), steps, version.getMaxRunsPerHour(), version.getCooldownSeconds(),
                version.getTimeoutSeconds(), version.getMaxTargets(), version.getHostAllowlist(), version.getShadow());
    }
}
