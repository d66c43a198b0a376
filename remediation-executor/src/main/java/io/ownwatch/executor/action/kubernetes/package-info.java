/**
 * The Kubernetes actions (rollout restart, scale within bounds, delete pods) on the fabric8 client, confined to the
 * namespaces and workloads the service's ownership selectors name, as the local view of {@code ownership.v1} holds them.
 */
package io.ownwatch.executor.action.kubernetes;
