package io.ownwatch.executor.action.kubernetes;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.BoundStep;
import io.ownwatch.executor.action.BoundStep.Encoding;
import io.ownwatch.executor.action.StepRefused;
import org.springframework.stereotype.Component;

/** What every Kubernetes action shares: the client, this cluster's name, the ownership scopes, the checks on names. */
@Component
class Cluster {

    /** RFC 1123 label: namespaces, deployments. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** RFC 1123 subdomain: pods. */
    private static final Pattern SUBDOMAIN = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final KubernetesClient client;
    private final OwnershipScopes scopes;
    private final String name;

    Cluster(KubernetesClient client, OwnershipScopes scopes, ActionProperties properties) {
        this.client = client;
        this.scopes = scopes;
        this.name = properties.kubernetes().cluster();
    }

    KubernetesClient client() {
        return client;
    }

    String name() {
        return name;
    }

    /** The circuit breaker's and bulkhead's key: one per cluster. */
    String target() {
        return "kubernetes:" + name;
    }

    /** A step may name its cluster ({@code cluster}); this executor acts on the configured one only. */
    void checkCluster(BoundStep step) {
        step.setting("cluster", Encoding.PLAIN).map(String::strip).filter(named -> !named.equals(name)).ifPresent(named -> {
            throw new StepRefused(step.fieldOf("cluster"), "names cluster " + named + "; this executor acts on "
                    + name + " only");
        });
    }

    String namespace(BoundStep step) {
        return checked(step, "namespace", LABEL);
    }

    String deployment(BoundStep step) {
        return checked(step, "deployment", LABEL);
    }

    String pod(BoundStep step) {
        return checked(step, "pod", SUBDOMAIN);
    }

    private static String checked(BoundStep step, String key, Pattern form) {
        String value = step.required(key, Encoding.PLAIN).strip();
        if (!form.matcher(value).matches()) {
            throw new StepRefused(step.fieldOf(key), "is not a valid Kubernetes name");
        }
        return value;
    }

    /** Refuses the object unless the step's service owns it. */
    void checkScope(BoundStep step, String namespace, String workload, String workloadKey) {
        scopes.check(step.context().serviceId(), name, namespace, workload, step.fieldOf("namespace"),
                step.fieldOf(workloadKey));
    }

    /**
     * The workload a pod belongs to, as ownership selectors name workloads: the Deployment above its ReplicaSet, else
     * its controller (StatefulSet, DaemonSet, Job), else the pod itself.
     */
    String workloadOf(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            if (!Boolean.FALSE.equals(owner.getController()) && "ReplicaSet".equals(owner.getKind())) {
                ReplicaSet replicaSet = read(() -> client.apps().replicaSets().inNamespace(namespace)
                        .withName(owner.getName()).get());
                if (replicaSet != null) {
                    for (OwnerReference above : replicaSet.getMetadata().getOwnerReferences()) {
                        if ("Deployment".equals(above.getKind())) {
                            return above.getName();
                        }
                    }
                }
                return owner.getName();
            }
            if (!Boolean.FALSE.equals(owner.getController())) {
                return owner.getName();
            }
        }
        return pod.getMetadata().getName();
    }

    /** A call to the API server; its failures become step failures. */
    <T> T read(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (KubernetesClientException ex) {
            throw failure(ex);
        }
    }

    static ActionFailed failure(KubernetesClientException ex) {
        int code = ex.getCode();
        String reason = ex.getStatus() != null && ex.getStatus().getMessage() != null
                ? ex.getStatus().getMessage() : ex.getMessage();
        // 0: no answer (I/O); 409: a concurrent change; 429 and 5xx: the server asks to come back.
        boolean transientFailure = code == 0 || code == 409 || code == 429 || code >= 500;
        return new ActionFailed("the Kubernetes API answered " + (code == 0 ? "nothing" : "HTTP " + code) + ": "
                + reason, transientFailure);
    }
}
