package io.ownwatch.executor.action.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.StepRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Kubernetes objects a service's ownership selectors reach, with the contract's glob semantics. */
class OwnershipScopesTest {

    private static KubernetesSelector selector(String cluster, String namespace, String workload) {
        return KubernetesSelector.newBuilder().setCluster(cluster).setNamespace(namespace).setWorkload(workload).build();
    }

    private static ServiceOwnership service(String id, long revision, KubernetesSelector... selectors) {
        return ServiceOwnership.newBuilder().setServiceId(id).setName(id).setTeamId("payments")
                .setKubernetes(List.of(selectors)).setRevision(revision).setUpdatedAt(Instant.EPOCH).build();
    }

    @ParameterizedTest
    @CsvSource({
            "prod-eu, payments, checkout, true",
            "prod-us, payments, checkout-worker, true",
            "staging, payments, checkout, false",
            "prod-eu, payments-sandbox, checkout, false",
            "prod-eu, payments, ledger, false",
            "prod-eu, identity, login, true",
            "staging, identity, login, true",
            "prod-eu, identity, '', true"})
    void selectsByClusterNamespaceAndWorkloadGlobs(String cluster, String namespace, String workload, boolean selected) {
        List<KubernetesSelector> selectors = List.of(selector("prod-*", "payments", "checkout*"),
                selector("*", "identity", "*"));

        assertThat(OwnershipScopes.selects(selectors, cluster, namespace, workload)).isEqualTo(selected);
    }

    @Test
    void aServiceWithoutSelectorsReachesNothing() {
        assertThat(OwnershipScopes.selects(List.of(), "prod-eu", "payments", "checkout")).isFalse();
    }

    @Test
    void refusesTheNamespaceOrTheWorkloadNamingTheField() {
        OwnershipScopes scopes = new OwnershipScopes();
        scopes.apply("checkout", service("checkout", 1, selector("*", "payments", "checkout")));

        assertThatCode(() -> scopes.check("checkout", "prod", "payments", "checkout", "settings.namespace",
                "settings.deployment")).doesNotThrowAnyException();
        assertThatThrownBy(() -> scopes.check("checkout", "prod", "identity", "checkout", "settings.namespace",
                "settings.deployment")).isInstanceOfSatisfying(StepRefused.class,
                        refused -> assertThat(refused.field()).isEqualTo("settings.namespace"));
        assertThatThrownBy(() -> scopes.check("checkout", "prod", "payments", "ledger", "settings.namespace",
                "parameters.deployment")).isInstanceOfSatisfying(StepRefused.class,
                        refused -> assertThat(refused.field()).isEqualTo("parameters.deployment"));
    }

    @Test
    void failsClosedForAnUnknownOrDeletedServiceAndKeepsTheNewestRevision() {
        OwnershipScopes scopes = new OwnershipScopes();
        assertThatThrownBy(() -> scopes.check("checkout", "prod", "payments", "checkout", "settings.namespace",
                "settings.deployment")).hasMessageContaining("still being read");

        scopes.apply("checkout", service("checkout", 2, selector("*", "payments", "checkout")));
        scopes.apply("checkout", service("checkout", 1, selector("*", "legacy", "checkout")));
        assertThatCode(() -> scopes.check("checkout", "prod", "payments", "checkout", "n", "w")).doesNotThrowAnyException();

        scopes.apply("checkout", null);
        scopes.caughtUp();
        assertThatThrownBy(() -> scopes.check("checkout", "prod", "payments", "checkout", "n", "w"))
                .isInstanceOf(StepRefused.class).hasMessageNotContaining("still being read");
    }
}
