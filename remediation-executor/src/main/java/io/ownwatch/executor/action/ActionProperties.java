package io.ownwatch.executor.action;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the actions need from configuration, never from a runbook: secret values, the Kubernetes cluster, the
 * ownership view's topic.
 *
 * @param secrets    values runbook steps reference as {@code {{secret:name}}}, by name; masked in every output
 *                   (set them from the environment, e.g. {@code OWNWATCH_EXECUTOR_SECRETS_CHECKOUTTOKEN})
 * @param http       how HTTP steps call their targets
 * @param kubernetes the cluster Kubernetes steps act on
 * @param ownership  the local view of {@code ownership.v1} that scopes Kubernetes targets
 */
@Validated
@ConfigurationProperties("ownwatch.executor")
public record ActionProperties(
        @DefaultValue Map<String, String> secrets,
        @DefaultValue @NotNull @Valid Http http,
        @DefaultValue @NotNull @Valid Kubernetes kubernetes,
        @DefaultValue @NotNull @Valid Ownership ownership) {

    public ActionProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /**
     * @param excerptBytes how much of a response body the outcome keeps (it goes onto the timeline)
     */
    public record Http(@DefaultValue("2048") @Min(0) @Max(65536) int excerptBytes) {
    }

    /**
     * @param cluster     this cluster's name as ownership selectors spell it ({@code KubernetesSelector.cluster})
     * @param masterUrl   the API server; empty = the client's own discovery (in-cluster service account, kubeconfig)
     * @param tokenSecret the name of the secret (under {@code secrets}) holding the bearer token, empty for none
     * @param trustCerts  whether to accept the API server's certificate unverified (test clusters only)
     */
    public record Kubernetes(
            @DefaultValue("default") @NotBlank String cluster,
            URI masterUrl,
            @DefaultValue("") String tokenSecret,
            @DefaultValue("false") boolean trustCerts) {
    }

    /**
     * @param topic        the compacted topic the ownership-registry publishes
     * @param confirmEvery how often the feed re-measures the topic's end to confirm the view complete
     */
    public record Ownership(
            @DefaultValue("ownership.v1") @NotBlank String topic,
            @DefaultValue("10s") @NotNull Duration confirmEvery) {
    }
}
