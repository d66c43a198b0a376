package io.ownwatch.executor.run.kafka;

import io.ownwatch.events.ActorKind;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.policy.Severity;
import io.ownwatch.executor.run.RunIntake;
import io.ownwatch.executor.run.RunRequest;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code takeRequest} binding: remediation.requests.v1 in, group remediation-executor, dead letters to
 * remediation.requests.v1.remediation-executor.dlq. The offset is committed after the run is recorded, and the
 * request id makes a redelivery a no-op.
 */
@Configuration(proxyBeanMethods = false)
class RequestBindings {

    @Bean
    Consumer<Message<?>> takeRequest(RunIntake intake) {
        return message -> {
            if (!(message.getPayload() instanceof RemediationRequest request)) {
                throw new UnreadableRequest("is not a RemediationRequest (payload "
                        + message.getPayload().getClass().getName() + ")");
            }
            intake.accept(toRequest(request));
        };
    }

    static RunRequest toRequest(RemediationRequest request) {
        for (String[] field : new String[][] {{"requestId", request.getRequestId()},
                {"incidentId", request.getIncidentId()}, {"runbookId", request.getRunbookId()},
                {"serviceId", request.getServiceId()}, {"requestedBy.id", request.getRequestedBy().getId()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new UnreadableRequest("has a blank " + field[0]);
            }
        }
        // Only the router's automation is trusted on the topic: a person's roles are known only from their token,
        // so a person (or anything else) named here is recorded as such and refused by the policy.
        Requester requester = request.getRequestedBy().getKind() == ActorKind.AUTOMATION
                ? Requester.automation(request.getRequestedBy().getId())
                : new Requester(Requester.Kind.OTHER, request.getRequestedBy().getKind().name().toLowerCase() + ":"
                        + request.getRequestedBy().getId(), Set.of());
        return new RunRequest(request.getRequestId(), request.getIncidentId(), request.getRunbookId(),
                request.getRunbookVersion(), request.getContentHash(), request.getServiceId(),
                Severity.valueOf(request.getSeverity().name()), request.getCluster(), request.getNamespace(),
                request.getParameters(), requester, request.getReason(), request.getRequestedAt());
    }

    /**
     * A record that can never become a run. An IllegalArgumentException because retrying cannot change it: the
     * dead-letter policy sends it to the dead-letter topic on the first attempt.
     */
    static class UnreadableRequest extends IllegalArgumentException {
        UnreadableRequest(String what) {
            super("Record on remediation.requests.v1 " + what);
        }
    }
}
