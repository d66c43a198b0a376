package io.ownwatch.executor.action.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.Secrets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client of the cluster Kubernetes steps act on: the configured master URL with a bearer token taken from a
 * named secret, or, without a master URL, the client's own discovery (the pod's service account in a cluster).
 * The client does not retry by itself: the runner's retry does, and only for idempotent actions.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient remediationKubernetesClient(ActionProperties properties, Secrets secrets) {
        ActionProperties.Kubernetes cluster = properties.kubernetes();
        boolean discover = cluster.masterUrl() == null || cluster.masterUrl().toString().isBlank();
        ConfigBuilder config = discover
                ? new ConfigBuilder(Config.autoConfigure(null))
                : new ConfigBuilder(Config.empty()).withMasterUrl(cluster.masterUrl().toString());
        if (!cluster.tokenSecret().isBlank()) {
            config.withOauthToken(secrets.value(cluster.tokenSecret()).orElseThrow(() -> new IllegalStateException(
                    "ownwatch.executor.kubernetes.token-secret names the secret '" + cluster.tokenSecret()
                            + "', which is not configured under ownwatch.executor.secrets")));
        }
        return new KubernetesClientBuilder().withConfig(config
                .withTrustCerts(cluster.trustCerts())
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .build()).build();
    }
}
