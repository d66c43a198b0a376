package io.ownwatch.executor.action.kubernetes;

import java.util.Set;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ownwatch.executor.action.Action;
import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.BoundStep;
import io.ownwatch.executor.action.BoundStep.Encoding;
import io.ownwatch.executor.action.PreparedAction;
import io.ownwatch.executor.action.StepRefused;
import org.springframework.stereotype.Component;

/**
 * KUBERNETES_SCALE ({@code namespace}, {@code deployment}, {@code replicas}, and the bounds {@code minReplicas} and
 * {@code maxReplicas} as the registry's runbooks name them, or {@code min} and {@code max}): sets the deployment's
 * replicas, refused outside the bounds the runbook's approver saw. Setting a count is idempotent.
 */
@Component
class ScaleAction implements Action {

    private final Cluster cluster;

    ScaleAction(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Set<ActionType> types() {
        return Set.of(ActionType.KUBERNETES_SCALE);
    }

    @Override
    public PreparedAction prepare(BoundStep step) {
        cluster.checkCluster(step);
        String namespace = cluster.namespace(step);
        String deployment = cluster.deployment(step);
        String minKey = step.has("minReplicas") || !step.has("min") ? "minReplicas" : "min";
        String maxKey = step.has("maxReplicas") || !step.has("max") ? "maxReplicas" : "max";
        int min = count(step, minKey);
        int max = count(step, maxKey);
        if (min > max) {
            throw new StepRefused("settings." + minKey, "is greater than settings." + maxKey);
        }
        int replicas = count(step, "replicas");
        if (replicas < min || replicas > max) {
            throw new StepRefused(step.fieldOf("replicas"), "must be between " + min + " and " + max + ", is " + replicas);
        }
        cluster.checkScope(step, namespace, deployment, "deployment");
        String description = "scale deployment " + namespace + "/" + deployment + " in cluster " + cluster.name()
                + " to " + replicas + " replicas (bounds " + min + ".." + max + ")";
        return new PreparedAction(description, 1, cluster.target(), true, timeLeft -> {
            try {
                Deployment before = cluster.client().apps().deployments().inNamespace(namespace).withName(deployment).get();
                if (before == null) {
                    throw new ActionFailed("deployment " + namespace + "/" + deployment + " does not exist", false);
                }
                cluster.client().apps().deployments().inNamespace(namespace).withName(deployment)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
                return "deployment " + namespace + "/" + deployment + " scaled from "
                        + before.getSpec().getReplicas() + " to " + replicas + " replicas";
            }
            catch (KubernetesClientException ex) {
                throw Cluster.failure(ex);
            }
        });
    }

    private static int count(BoundStep step, String key) {
        String value = step.required(key, Encoding.PLAIN).strip();
        if (!value.matches("0|[1-9][0-9]{0,4}")) {
            throw new StepRefused(step.fieldOf(key), "must be a whole number from 0 to 99999");
        }
        return Integer.parseInt(value);
    }
}
