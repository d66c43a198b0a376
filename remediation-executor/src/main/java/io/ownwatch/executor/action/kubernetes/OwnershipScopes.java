package io.ownwatch.executor.action.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.StepRefused;
import io.ownwatch.schemas.ownership.Globs;
import org.springframework.stereotype.Component;

/**
 * The executor's copy of {@code ownership.v1}, kept for one question: may a step of this service touch this
 * namespace and workload? A service reaches a Kubernetes object only when one of its selectors matches the cluster,
 * the namespace and the workload, with the contract's glob semantics ({@link Globs}); a service without Kubernetes
 * selectors reaches none, and a service the view does not know reaches nothing either (fail closed, also while the
 * view is still being read).
 */
@Component
public class OwnershipScopes {

    private final Map<String, ServiceOwnership> services = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /**
     * Applies one record of the topic: a newer revision replaces an older one, never the reverse; a tombstone
     * ({@code null}) removes the service.
     */
    public void apply(String serviceId, ServiceOwnership definition) {
        if (definition == null) {
            services.remove(serviceId);
        }
        else {
            services.merge(serviceId, definition,
                    (held, offered) -> offered.getRevision() >= held.getRevision() ? offered : held);
        }
    }

    /** The feed has read the topic up to its end at least once. */
    public void caughtUp() {
        caughtUp = true;
    }

    /** Whether a selector among these matches the object: cluster, namespace and workload globs all accept it. */
    public static boolean selects(List<KubernetesSelector> selectors, String cluster, String namespace, String workload) {
        return selectors.stream().anyMatch(selector -> Globs.matches(selector.getCluster(), cluster)
                && Globs.matches(selector.getNamespace(), namespace)
                && Globs.matches(selector.getWorkload(), workload));
    }

    /**
     * Refuses an object outside the service's selectors.
     *
     * @param namespaceField the field a refusal of the namespace names
     * @param workloadField  the field a refusal of the workload names
     */
    void check(String serviceId, String cluster, String namespace, String workload, String namespaceField,
            String workloadField) {
        ServiceOwnership service = services.get(serviceId);
        if (service == null) {
            throw new StepRefused(namespaceField, "service " + serviceId + " is not in the executor's view of "
                    + "ownership.v1" + (caughtUp ? "" : " (the view is still being read)")
                    + ", so no Kubernetes object is known to be its own");
        }
        List<KubernetesSelector> selectors = service.getKubernetes();
        if (selectors.stream().noneMatch(selector -> Globs.matches(selector.getCluster(), cluster)
                && Globs.matches(selector.getNamespace(), namespace))) {
            throw new StepRefused(namespaceField, "namespace " + namespace + " in cluster " + cluster
                    + " is outside the Kubernetes selectors of service " + serviceId);
        }
        if (!selects(selectors, cluster, namespace, workload)) {
            throw new StepRefused(workloadField, "workload " + namespace + "/" + workload
                    + " is outside the Kubernetes selectors of service " + serviceId);
        }
    }
}
