package io.ownwatch.executor.action.kubernetes;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ownwatch.executor.action.Action;
import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.BoundStep;
import io.ownwatch.executor.action.PreparedAction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * KUBERNETES_ROLLOUT_RESTART ({@code namespace}, {@code deployment}): what {@code kubectl rollout restart} does, a
 * patch of the pod template's {@code kubectl.kubernetes.io/restartedAt} annotation, so the deployment rolls its
 * pods under its own surge and availability rules. The timestamp is fixed when the step starts, so a retried patch
 * is the same patch.
 */
@Component
class RolloutRestartAction implements Action {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final Cluster cluster;
    private final Clock clock;

    RolloutRestartAction(Cluster cluster, ObjectProvider<Clock> clock) {
        this.cluster = cluster;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public Set<ActionType> types() {
        return Set.of(ActionType.KUBERNETES_ROLLOUT_RESTART);
    }

    @Override
    public PreparedAction prepare(BoundStep step) {
        cluster.checkCluster(step);
        String namespace = cluster.namespace(step);
        String deployment = cluster.deployment(step);
        cluster.checkScope(step, namespace, deployment, "deployment");
        String description = "rollout restart of deployment " + namespace + "/" + deployment + " in cluster "
                + cluster.name();
        return new PreparedAction(description, 1, cluster.target(), true, timeLeft -> {
            String restartedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\""
                    + restartedAt + "\"}}}}}";
            try {
                Deployment patched = cluster.client().apps().deployments().inNamespace(namespace).withName(deployment)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                return "deployment " + namespace + "/" + deployment + " restarted at " + restartedAt
                        + " (generation " + patched.getMetadata().getGeneration() + ")";
            }
            catch (KubernetesClientException ex) {
                if (ex.getCode() == 404) {
                    throw new ActionFailed("deployment " + namespace + "/" + deployment + " does not exist", false);
                }
                throw Cluster.failure(ex);
            }
        });
    }
}
