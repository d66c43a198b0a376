package io.ownwatch.router.remediation.kafka;

import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.router.remediation.RemediationResults;
import io.ownwatch.router.remediation.RunbookCatalog;
import io.ownwatch.router.remediation.RunbookUnreadable;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * The remediation bindings: {@code catalogRunbook} (runbooks.v1 into the local catalog) and
 * {@code recordRemediationResult} (remediation.results.v1 onto incidents), each with its consumer group and
 * dead-letter topic (alert-router.yml). The lambdas only map and delegate. Records that cannot be decoded never get
 * here: the shared dead-letter policy sends them to the dead-letter topic from the listener container; records of
 * the wrong type are refused with an IllegalArgumentException, which that policy dead-letters at once.
 */
@Configuration(proxyBeanMethods = false)
class RemediationBindings {

    @Bean
    Consumer<Message<?>> catalogRunbook(RunbookCatalog catalog) {
        return message -> {
            Object payload = message.getPayload();
            if (payload instanceof KafkaNull || payload == null) {
                Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
                if (key == null) {
                    throw new UnexpectedRecord("runbooks.v1", "a tombstone without key");
                }
                catalog.remove(key.toString());
                return;
            }
            if (!(payload instanceof RunbookVersion version)) {
                throw new UnexpectedRecord("runbooks.v1", "not a RunbookVersion but " + payload.getClass().getName());
            }
            if (version.getStatus() == RunbookStatus.APPROVED) {
                catalog.approve(RemediationContracts.toRunbook(version));
            } else if (version.getStatus() == RunbookStatus.RETIRED) {
                catalog.retire(version.getRunbookId(), version.getVersion());
            } else {
                throw new RunbookUnreadable(version.getRunbookId(), "its status is " + version.getStatus());
            }
        };
    }

    @Bean
    Consumer<Message<?>> recordRemediationResult(RemediationResults results) {
        return message -> {
            if (!(message.getPayload() instanceof RemediationResult result)) {
                Object payload = message.getPayload();
                throw new UnexpectedRecord("remediation.results.v1", "not a RemediationResult but "
                        + (payload == null ? "null" : payload.getClass().getName()));
            }
            results.record(RemediationContracts.toResult(result));
        };
    }

    /** A record of another type on a remediation topic: retrying cannot change it. */
    static class UnexpectedRecord extends IllegalArgumentException {
        UnexpectedRecord(String topic, String what) {
            super("Record on " + topic + " is " + what);
        }
    }
}
