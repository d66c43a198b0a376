package io.ownwatch.executor.action.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.KubernetesSelector;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.RemediationExecutorApplication;
import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.StepContext;
import io.ownwatch.executor.action.StepOutcome;
import io.ownwatch.executor.action.StepRefused;
import io.ownwatch.executor.action.StepRunner;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kubernetes steps through the executor's own runner against the fabric8 mock API server in CRUD mode, scoped by
 * service ownership read from a real, compacted Kafka topic: what the cluster looks like afterwards is the assertion,
 * including that a refused step left it unchanged.
 */
@SpringBootTest(properties = "spring.config.name=" + RemediationExecutorApplication.CONFIG_NAME)
class KubernetesActionsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "ownership.v1.actions-it-" + RUN;
    private static final String CHECKOUT = "checkout-" + RUN;
    private static final String SCHEMA = """
            {"type": "object", "properties": {
               "deployment": {"type": "string", "pattern": "^[a-z0-9-]+$", "maxLength": 63},
               "replicas": {"type": "integer", "minimum": 0, "maximum": 100}}}""";
    private static final KubernetesMockServer API = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private static final KubernetesClient CLUSTER;

    static {
        API.init();
        CLUSTER = API.createClient();
    }

    @Autowired
    StepRunner runner;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BulkheadRegistry bulkheads;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.get().springProperties("executor").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("ownwatch.executor.ownership.topic", () -> TOPIC);
        registry.add("ownwatch.executor.kubernetes.cluster", () -> "prod-eu");
        registry.add("ownwatch.executor.kubernetes.master-url", () -> CLUSTER.getConfiguration().getMasterUrl());
        registry.add("ownwatch.executor.kubernetes.token-secret", () -> "kube-token");
        registry.add("ownwatch.executor.secrets.kube-token", () -> "kube-s3cret");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
        // Published before the executor starts: its view is read from offset 0.
        publish(CHECKOUT, service(CHECKOUT, 1, selector("prod-*", "payments", "checkout*")));
        publish("ledger-" + RUN, service("ledger-" + RUN, 1));
    }

    @AfterAll
    static void stopApi() {
        CLUSTER.close();
        API.destroy();
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }

    private static KubernetesSelector selector(String cluster, String namespace, String workload) {
        return KubernetesSelector.newBuilder().setCluster(cluster).setNamespace(namespace).setWorkload(workload).build();
    }

    private static ServiceOwnership service(String id, long revision, KubernetesSelector... selectors) {
        return ServiceOwnership.newBuilder().setServiceId(id).setName(id).setTeamId("payments")
                .setKubernetes(List.of(selectors)).setRevision(revision).setUpdatedAt(Instant.now()).build();
    }

    private static void publish(String serviceId, ServiceOwnership service) throws Exception {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()),
                new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(TOPIC, serviceId, service)).get();
        }
    }

    private static StepContext context(String serviceId, Map<String, String> parameters, int maxTargets) {
        return new StepContext("run-" + UUID.randomUUID(), serviceId, parameters, SCHEMA, List.of(), maxTargets,
                Duration.ofSeconds(20));
    }

    private static Deployment deployment(String namespace, String name, int replicas) {
        return CLUSTER.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + name + ":1").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    /** A pod as a Deployment's ReplicaSet creates it. */
    private static void pod(String namespace, String deployment, String name) {
        String replicaSet = deployment + "-5d8f7";
        if (CLUSTER.apps().replicaSets().inNamespace(namespace).withName(replicaSet).get() == null) {
            CLUSTER.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(replicaSet).withNamespace(namespace)
                            .withOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName(deployment)
                                    .withApiVersion("apps/v1").withController(true).withUid(UUID.randomUUID().toString())
                                    .build()).build()).build()).create();
        }
        CLUSTER.pods().inNamespace(namespace).resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
                        .addToLabels("app", deployment)
                        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName(replicaSet)
                                .withApiVersion("apps/v1").withController(true).withUid(UUID.randomUUID().toString())
                                .build()).build())
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example/" + deployment + ":1")
                .endContainer().endSpec().build()).create();
    }

    private static String restartedAt(String namespace, String name) {
        Map<String, String> annotations = CLUSTER.apps().deployments().inNamespace(namespace).withName(name).get()
                .getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(RolloutRestartAction.RESTARTED_AT);
    }

    private static int replicas(String namespace, String name) {
        return CLUSTER.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getReplicas();
    }

    /** The feed reads the topic in the background: the first step waits until the service is known. */
    private StepOutcome runOnceKnown(ActionStep step, StepContext context) {
        StepOutcome[] outcome = new StepOutcome[1];
        await().atMost(Duration.ofSeconds(60)).ignoreException(StepRefused.class)
                .until(() -> (outcome[0] = runner.run(step, context)) != null);
        return outcome[0];
    }

    @Test
    void restartsADeploymentOfTheServiceAsKubectlDoes() {
        deployment("payments", "checkout", 2);
        ActionStep restart = new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "payments", "deployment", "{{deployment}}"));

        StepOutcome outcome = runOnceKnown(restart, context(CHECKOUT, Map.of("deployment", "checkout"), 1));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(outcome.detail()).startsWith("deployment payments/checkout restarted at ");
        assertThat(restartedAt("payments", "checkout")).isNotNull()
                .satisfies(at -> assertThat(Instant.parse(at)).isAfter(Instant.now().minusSeconds(120)));
        assertThat(replicas("payments", "checkout")).isEqualTo(2);
    }

    @Test
    void scalesWithinTheBoundsAndRefusesOutsideThemLeavingTheDeploymentAlone() {
        deployment("payments", "checkout-worker", 2);
        ActionStep scale = new ActionStep("scale", ActionType.KUBERNETES_SCALE, Map.of("namespace", "payments",
                "deployment", "checkout-worker", "replicas", "{{replicas}}", "min", "1", "max", "5"));

        StepOutcome outcome = runOnceKnown(scale, context(CHECKOUT, Map.of("replicas", "4"), 1));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(outcome.detail()).isEqualTo("deployment payments/checkout-worker scaled from 2 to 4 replicas");
        assertThat(replicas("payments", "checkout-worker")).isEqualTo(4);

        for (String replicas : List.of("9", "0")) {
            assertThatThrownBy(() -> runner.run(scale, context(CHECKOUT, Map.of("replicas", replicas), 1)))
                    .isInstanceOfSatisfying(StepRefused.class, refused -> {
                        assertThat(refused.field()).isEqualTo("parameters.replicas");
                        assertThat(refused.getMessage()).contains("between 1 and 5");
                    });
        }
        assertThat(replicas("payments", "checkout-worker")).isEqualTo(4);
        assertThat(meters.find("ownwatch.executor.actions").tag("action", "KUBERNETES_SCALE").tag("outcome", "refused")
                .timer().count()).isEqualTo(2);
    }

    @Test
    void scalesWithTheRegistrysSettingNamesAndOnlyInTheConfiguredCluster() {
        deployment("payments", "checkout-batch", 1);
        ActionStep scale = new ActionStep("scale", ActionType.KUBERNETES_SCALE, Map.of("cluster", "prod-eu",
                "namespace", "payments", "deployment", "checkout-batch", "replicas", "{{replicas}}",
                "minReplicas", "1", "maxReplicas", "3"));

        assertThat(runOnceKnown(scale, context(CHECKOUT, Map.of("replicas", "3"), 1)).status())
                .isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(replicas("payments", "checkout-batch")).isEqualTo(3);

        ActionStep elsewhere = new ActionStep("scale", ActionType.KUBERNETES_SCALE, Map.of("cluster", "prod-us",
                "namespace", "payments", "deployment", "checkout-batch", "replicas", "2",
                "minReplicas", "1", "maxReplicas", "3"));
        assertThatThrownBy(() -> runner.run(elsewhere, context(CHECKOUT, Map.of(), 1)))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("settings.cluster"));
        assertThat(replicas("payments", "checkout-batch")).isEqualTo(3);
    }

    @Test
    void deletesPodsOfTheServiceCountedAgainstMaxTargets() {
        deployment("payments", "checkout-api", 3);
        pod("payments", "checkout-api", "checkout-api-5d8f7-a1");
        pod("payments", "checkout-api", "checkout-api-5d8f7-b2");
        pod("payments", "checkout-api", "checkout-api-5d8f7-c3");

        StepOutcome one = runOnceKnown(new ActionStep("kill one", ActionType.KUBERNETES_DELETE_POD,
                Map.of("namespace", "payments", "pod", "checkout-api-5d8f7-a1")), context(CHECKOUT, Map.of(), 1));

        assertThat(one.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(CLUSTER.pods().inNamespace("payments").withName("checkout-api-5d8f7-a1").get()).isNull();

        ActionStep bySelector = new ActionStep("kill all", ActionType.KUBERNETES_DELETE_POD,
                Map.of("namespace", "payments", "selector", "app=checkout-api"));
        assertThatThrownBy(() -> runner.run(bySelector, context(CHECKOUT, Map.of(), 1)))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.getMessage())
                        .contains("matches 2 pods", "maxTargets 1"));
        assertThat(CLUSTER.pods().inNamespace("payments").withLabel("app", "checkout-api").list().getItems()).hasSize(2);

        assertThat(runner.plan(bySelector, context(CHECKOUT, Map.of(), 2)).targets()).isEqualTo(2);
        StepOutcome both = runner.run(bySelector, context(CHECKOUT, Map.of(), 2));

        assertThat(both.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(both.detail()).isEqualTo("deleted pod(s) [checkout-api-5d8f7-b2, checkout-api-5d8f7-c3] in payments");
        assertThat(CLUSTER.pods().inNamespace("payments").withLabel("app", "checkout-api").list().getItems()).isEmpty();
    }

    @Test
    void refusesTargetsOutsideTheServicesSelectorsAndChangesNothing() {
        deployment("identity", "checkout", 2);
        deployment("payments", "ledger", 2);
        pod("identity", "checkout", "checkout-5d8f7-zz");
        ActionStep restart = new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "{{deployment}}", "deployment", "checkout"));
        // Wait until the view knows checkout, so that the refusals below are about the selectors.
        runOnceKnown(new ActionStep("plan", ActionType.KUBERNETES_SCALE, Map.of("namespace", "payments",
                "deployment", "checkout-dry", "replicas", "1", "min", "1", "max", "1")), context(CHECKOUT, Map.of(), 1));

        assertThatThrownBy(() -> runner.run(restart, context(CHECKOUT, Map.of("deployment", "identity"), 1)))
                .isInstanceOfSatisfying(StepRefused.class, refused -> {
                    assertThat(refused.field()).isEqualTo("parameters.deployment");
                    assertThat(refused.getMessage()).contains("namespace identity in cluster prod-eu is outside");
                });
        assertThatThrownBy(() -> runner.run(new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "payments", "deployment", "ledger")), context(CHECKOUT, Map.of(), 1)))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("settings.deployment"));
        assertThatThrownBy(() -> runner.run(new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "payments", "deployment", "ledger")), context("ledger-" + RUN, Map.of(), 1)))
                .isInstanceOf(StepRefused.class).hasMessageContaining("outside the Kubernetes selectors of service ledger-");
        assertThatThrownBy(() -> runner.run(new ActionStep("kill", ActionType.KUBERNETES_DELETE_POD,
                Map.of("namespace", "identity", "pod", "checkout-5d8f7-zz")), context(CHECKOUT, Map.of(), 1)))
                .isInstanceOf(StepRefused.class);
        assertThatThrownBy(() -> runner.run(restart, context("unknown-" + RUN, Map.of("deployment", "payments"), 1)))
                .isInstanceOf(StepRefused.class).hasMessageContaining("not in the executor's view");

        assertThat(restartedAt("identity", "checkout")).isNull();
        assertThat(restartedAt("payments", "ledger")).isNull();
        assertThat(CLUSTER.pods().inNamespace("identity").withName("checkout-5d8f7-zz").get()).isNotNull();
    }

    @Test
    void followsOwnershipChangesWhileRunning() throws Exception {
        deployment("search", "indexer", 1);
        ActionStep restart = new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "search", "deployment", "indexer"));
        String search = "search-" + RUN;

        publish(search, service(search, 1, selector("prod-eu", "search", "indexer")));
        assertThat(runOnceKnown(restart, context(search, Map.of(), 1)).status()).isEqualTo(StepOutcome.Status.SUCCEEDED);

        publish(search, null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThatThrownBy(
                () -> runner.plan(restart, context(search, Map.of(), 1))).isInstanceOf(StepRefused.class));
    }

    @Test
    void guardsTheClusterWithTheConfiguredBulkhead() {
        deployment("payments", "checkout-bulkhead", 1);
        runOnceKnown(new ActionStep("restart", ActionType.KUBERNETES_ROLLOUT_RESTART,
                Map.of("namespace", "payments", "deployment", "checkout-bulkhead")), context(CHECKOUT, Map.of(), 1));

        assertThat(bulkheads.bulkhead("kubernetes:prod-eu", "remediation-action").getBulkheadConfig()
                .getMaxConcurrentCalls()).isEqualTo(4);
    }
}
