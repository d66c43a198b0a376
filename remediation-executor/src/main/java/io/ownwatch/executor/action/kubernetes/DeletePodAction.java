package io.ownwatch.executor.action.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ownwatch.executor.action.Action;
import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.BoundStep;
import io.ownwatch.executor.action.BoundStep.Encoding;
import io.ownwatch.executor.action.PreparedAction;
import io.ownwatch.executor.action.StepRefused;
import org.springframework.stereotype.Component;

/**
 * KUBERNETES_DELETE_POD ({@code namespace} and {@code pod}, or {@code namespace} and an equality label
 * {@code selector} such as {@code app=checkout,tier=web}): deletes the pods, each counted against the runbook's
 * {@code maxTargets} and each checked to belong to a workload of the service. The pods are listed when the step is
 * prepared and exactly those are deleted, so a pod that appears later is not touched. Deleting one named pod is
 * idempotent; deleting by selector is not retried (a retry would find the replacement pods).
 */
@Component
class DeletePodAction implements Action {

    private static final Pattern REQUIREMENT = Pattern.compile(
            "\\s*((?:[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]{0,61}[a-z0-9A-Z])?)\\s*==?\\s*"
                    + "([a-z0-9A-Z]([-a-z0-9A-Z_.]{0,61}[a-z0-9A-Z])?)\\s*");

    private final Cluster cluster;

    DeletePodAction(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Set<ActionType> types() {
        return Set.of(ActionType.KUBERNETES_DELETE_POD);
    }

    @Override
    public PreparedAction prepare(BoundStep step) {
        cluster.checkCluster(step);
        String namespace = cluster.namespace(step);
        if (step.has("pod") == step.has("selector")) {
            throw new StepRefused("settings.pod", "exactly one of settings.pod and settings.selector is required");
        }
        int maxTargets = step.context().maxTargets();
        if (step.has("pod")) {
            String name = cluster.pod(step);
            Pod pod = cluster.read(() -> cluster.client().pods().inNamespace(namespace).withName(name).get());
            if (pod == null) {
                throw new ActionFailed("pod " + namespace + "/" + name + " does not exist", false);
            }
            if (maxTargets < 1) {
                throw new StepRefused("settings.pod", "the runbook's maxTargets " + maxTargets + " allows no pod");
            }
            cluster.checkScope(step, namespace, cluster.workloadOf(pod), "pod");
            return new PreparedAction("delete pod " + namespace + "/" + name + " in cluster " + cluster.name(), 1,
                    cluster.target(), true, timeLeft -> delete(namespace, List.of(name)));
        }
        Map<String, String> labels = selector(step);
        List<Pod> pods = cluster.read(() -> cluster.client().pods().inNamespace(namespace).withLabels(labels).list())
                .getItems();
        if (pods.size() > maxTargets) {
            throw new StepRefused(step.fieldOf("selector"), "matches " + pods.size() + " pods in " + namespace
                    + ", more than the runbook's maxTargets " + maxTargets);
        }
        for (Pod pod : pods) {
            cluster.checkScope(step, namespace, cluster.workloadOf(pod), "selector");
        }
        List<String> names = pods.stream().map(pod -> pod.getMetadata().getName()).sorted().toList();
        String shown = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
        return new PreparedAction("delete " + names.size() + " pod(s) " + names + " selected by " + shown + " in "
                + namespace + " in cluster " + cluster.name(), names.size(), cluster.target(), false, timeLeft -> {
                    if (names.isEmpty()) {
                        throw new ActionFailed("no pod in " + namespace + " matches " + shown, false);
                    }
                    return delete(namespace, names);
                });
    }

    /** Deletes the pods; one that is already gone counts as done, since gone is what the step asked for. */
    private String delete(String namespace, List<String> names) {
        try {
            Map<Boolean, List<String>> deleted = names.stream().collect(java.util.stream.Collectors.partitioningBy(
                    name -> !cluster.client().pods().inNamespace(namespace).withName(name).delete().isEmpty()));
            return "deleted pod(s) " + deleted.get(true) + " in " + namespace
                    + (deleted.get(false).isEmpty() ? "" : "; already gone: " + deleted.get(false));
        }
        catch (KubernetesClientException ex) {
            throw Cluster.failure(ex);
        }
    }

    private static Map<String, String> selector(BoundStep step) {
        String value = step.required("selector", Encoding.PLAIN);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String requirement : value.split(",", -1)) {
            Matcher matcher = REQUIREMENT.matcher(requirement);
            if (!matcher.matches()) {
                throw new StepRefused(step.fieldOf("selector"), "must be label equalities such as app=checkout,tier=web");
            }
            labels.put(matcher.group(1), matcher.group(4));
        }
        return labels;
    }
}
