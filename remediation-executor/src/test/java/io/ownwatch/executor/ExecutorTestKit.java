package io.ownwatch.executor;

import com.sun.net.httpserver.HttpServer;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.ActionType;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RiskClass;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookStep;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.Severity;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the executor's ITs share: Avro on the topics, the HTTP target the runbooks call, and the API. */
final class ExecutorTestKit {

    static final String RUNBOOKS = "runbooks.v1";
    static final String REQUESTS = "remediation.requests.v1";
    static final String RESULTS = "remediation.results.v1";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ExecutorTestKit() {
    }

    static Infrastructure infra() {
        return TestInfrastructure.get();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real HTTP server on 127.0.0.1 recording every request it receives; answers 200, or 500 on a path with
     * {@code /fail}, or after 10 seconds on a path with {@code /slow}.
     */
    static final class Target implements AutoCloseable {

        record Received(String method, String path, String body) {
        }

        private final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Target() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(exchange.getRequestMethod(), path, body));
                if (path.contains("/slow")) {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] answer = "{\"drained\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(path.contains("/fail") ? 500 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<Received> to(String path) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** An approved, automatic, low-risk runbook with one HTTP step to {@code url}, allowed to call 127.0.0.1. */
    static RunbookVersion.Builder runbook(String runbookId, String serviceId, String url) {
        return RunbookVersion.newBuilder()
                .setRunbookId(runbookId)
                .setVersion(1)
                .setContentHash("sha256:" + runbookId + "-v1")
                .setStatus(RunbookStatus.APPROVED)
                .setTitle("Drain the queue")
                .setOwnerTeamId("payments")
                .setAuthoredBy("bob")
                .setApprovedBy("alice")
                .setApprovedAt(Instant.now())
                .setMode(RunbookMode.AUTOMATIC)
                .setRiskClass(RiskClass.LOW)
                .setServiceIds(List.of(serviceId))
                .setParameterSchema("{\"type\":\"object\",\"properties\":{\"queue\":{\"type\":\"string\"},"
                        + "\"token\":{\"type\":\"string\",\"writeOnly\":true}}}")
                .setSteps(List.of(RunbookStep.newBuilder()
                        .setName("drain")
                        .setAction(ActionType.HTTP_REQUEST)
                        .setSettings(Map.of("method", "POST", "url", url, "body", "{\"queue\":\"{{queue}}\"}"))
                        .build()))
                .setMaxRunsPerHour(10)
                .setCooldownSeconds(0)
                .setTimeoutSeconds(30)
                .setMaxTargets(1)
                .setHostAllowlist(List.of("127.0.0.1"))
                .setShadow(false)
                .setPublishedAt(Instant.now());
    }

    /** A request by the router's automation for the runbook's published version and hash. */
    static RemediationRequest.Builder request(RunbookVersion runbook, String serviceId) {
        return RemediationRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setIncidentId(UUID.randomUUID().toString())
                .setRunbookId(runbook.getRunbookId())
                .setRunbookVersion(runbook.getVersion())
                .setContentHash(runbook.getContentHash())
                .setServiceId(serviceId)
                .setTeamId("payments")
                .setSeverity(Severity.CRITICAL)
                .setParameters(Map.of("queue", "orders", "token", "s3cr3t-value"))
                .setRequestedBy(Actor.newBuilder().setKind(ActorKind.AUTOMATION).setId("alert-router").build())
                .setReason("incident opened")
                .setRequestedAt(Instant.now());
    }

    static RecordMetadata publish(String topic, String key, SpecificRecord value) {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()),
                new StringSerializer(), values)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** The results of one request read from the beginning of the topic, once {@code done} holds for them. */
    static List<RemediationResult> results(String requestId, Predicate<List<RemediationResult>> done) {
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl(), "specific.avro.reader", true), false);
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
            List<RemediationResult> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(PATIENCE);
            List<TopicPartition> partitions = List.of();
            while (Instant.now().isBefore(deadline)) {
                if (partitions.isEmpty()) {
                    List<PartitionInfo> infos = consumer.partitionsFor(RESULTS, Duration.ofSeconds(5));
                    if (infos == null || infos.isEmpty()) {
                        sleep();
                        continue;
                    }
                    partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof RemediationResult result && result.getRequestId().equals(requestId)) {
                        found.add(result);
                    }
                }
                if (done.test(found)) {
                    return found;
                }
            }
            throw new AssertionError("results of request " + requestId + " never satisfied the test; got " + found);
        }
    }

    static List<String> outcomes(List<RemediationResult> results) {
        return results.stream().map(r -> r.getOutcome().name()).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Answer(int status, String contentType, JsonNode body) {
    }

    static Answer call(int port, String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json, application/problem+json")
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                                    : JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
