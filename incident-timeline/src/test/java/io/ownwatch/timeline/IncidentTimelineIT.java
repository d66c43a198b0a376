package io.ownwatch.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import io.ownwatch.timeline.incident.EntryType;
import io.ownwatch.timeline.incident.TimelineEntry;
import io.ownwatch.timeline.incident.TimelineStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Timeline events produced onto a real Kafka, recorded in a real PostgreSQL, read back over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IncidentTimelineApplication.CONFIG_NAME)
class IncidentTimelineIT {

    private static final String TOPIC = "incident.timeline.v1";
    private static final String DLQ = "incident.timeline.v1.incident-timeline.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static KafkaProducer<String, Object> events;
    private static KafkaProducer<String, byte[]> raw;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("timeline").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void producers() {
        Infrastructure infra = TestInfrastructure.get();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put("schema.registry.url", infra.schemaRegistryUrl());
        // Serializer instances handed to a KafkaProducer are not configured by it.
        KafkaAvroSerializer avro = new KafkaAvroSerializer();
        avro.configure(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false);
        events = new KafkaProducer<>(config, new StringSerializer(), avro);
        events.partitionsFor(TOPIC); // fail fast if the broker is unreachable
        raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducers() {
        events.close();
        raw.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    TimelineStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static TimelineEvent event(String incidentId, long sequence, TimelineEventType type, long millisAfterT0) {
        return TimelineEvent.newBuilder()
                .setEventId(incidentId + "-" + sequence + "-" + UUID.randomUUID())
                .setIncidentId(incidentId)
                .setSequence(sequence)
                .setType(type)
                .setOccurredAt(T0.plusMillis(millisAfterT0))
                .setActor(Actor.newBuilder().setKind(ActorKind.SYSTEM).setId("alert-router").build())
                .setServiceId(null)
                .setTeamId(null)
                .setSeverity(Severity.UNKNOWN)
                .setSummary(null)
                .setAttributes(Map.of())
                .build();
    }

    private static void send(TimelineEvent... toSend) throws Exception {
        for (TimelineEvent event : toSend) {
            events.send(new ProducerRecord<>(TOPIC, event.getIncidentId(), event)).get();
        }
    }

    record Answer(int status, String contentType, JsonNode body) {
    }

    /** Reads as dave, a viewer: the least a person needs to read the timeline. */
    private Answer get(String path) throws IOException, InterruptedException {
        return get(path, TestInfrastructure.tokens().person("dave"));
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /** Waits until the incident has {@code count} recorded events, and returns its timeline. */
    private JsonNode awaitTimeline(String incidentId, int count) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer incident = get("/api/v1/incidents/" + incidentId);
            return incident.status() == 200 && incident.body().path("eventCount").asInt() == count;
        });
        try {
            return get("/api/v1/incidents/" + incidentId + "/timeline").body();
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<Long> sequences(JsonNode timeline) {
        List<Long> sequences = new ArrayList<>();
        timeline.path("events").forEach(e -> sequences.add(e.path("sequence").asLong()));
        return sequences;
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(answer.body().path("detail").asString()).contains(field);
            assertThat(answer.body().path("errors").findValuesAsString("field")).contains(field);
        }
    }

    /** Reads the dead-letter topic from the start until a record with this key turns up. */
    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No record with key " + key + " on " + DLQ + " within " + PATIENCE);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void recordsAnIncidentsEventsAndServesItsTimeline() throws Exception {
        String incidentId = "inc-" + run;
        String team = "payments-" + run;
        TimelineEvent opened = TimelineEvent.newBuilder(event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0))
                .setServiceId("checkout").setSeverity(Severity.CRITICAL).setSummary("Checkout error rate above 5%")
                .setAttributes(Map.of("dedupKey", "abc123")).build();
        TimelineEvent owner = TimelineEvent.newBuilder(event(incidentId, 2, TimelineEventType.OWNER_RESOLVED, 1_500))
                .setServiceId("checkout").setTeamId(team).setSummary("Owned by " + team).build();
        TimelineEvent acknowledged = TimelineEvent.newBuilder(event(incidentId, 3, TimelineEventType.ACKNOWLEDGED, 60_000))
                .setActor(Actor.newBuilder().setKind(ActorKind.PERSON).setId("ann").build()).build();
        send(opened, owner, acknowledged);

        JsonNode timeline = awaitTimeline(incidentId, 3);
        assertThat(timeline.path("incidentId").asString()).isEqualTo(incidentId);
        assertThat(sequences(timeline)).containsExactly(1L, 2L, 3L);
        JsonNode first = timeline.path("events").get(0);
        assertThat(first.path("eventId").asString()).isEqualTo(opened.getEventId());
        assertThat(first.path("type").asString()).isEqualTo("INCIDENT_OPENED");
        assertThat(Instant.parse(first.path("occurredAt").asString())).isEqualTo(T0);
        assertThat(first.path("sincePreviousMillis").isNull()).isTrue();
        assertThat(first.path("sinceOpenedMillis").asLong()).isZero();
        assertThat(first.path("actor").path("kind").asString()).isEqualTo("SYSTEM");
        assertThat(first.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(first.path("attributes").path("dedupKey").asString()).isEqualTo("abc123");
        JsonNode third = timeline.path("events").get(2);
        assertThat(third.path("sincePreviousMillis").asLong()).isEqualTo(58_500);
        assertThat(third.path("sinceOpenedMillis").asLong()).isEqualTo(60_000);
        assertThat(third.path("actor").path("id").asString()).isEqualTo("ann");

        JsonNode incident = get("/api/v1/incidents/" + incidentId).body();
        assertThat(incident.path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(incident.path("teamId").asString()).isEqualTo(team);
        assertThat(incident.path("serviceId").asString()).isEqualTo("checkout");
        assertThat(incident.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(incident.path("summary").asString()).isEqualTo("Checkout error rate above 5%");
        assertThat(Instant.parse(incident.path("acknowledgedAt").asString())).isEqualTo(T0.plusSeconds(60));
        assertThat(incident.path("resolvedAt").isNull()).isTrue();

        JsonNode list = get("/api/v1/incidents?teamId=" + team).body();
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("incidentId").asString()).isEqualTo(incidentId);
        assertThat(list.path("items").get(0).path("eventCount").asInt()).isEqualTo(3);
        assertThat(get("/api/v1/incidents?teamId=" + team + "&status=ACKNOWLEDGED").body().path("total").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/incidents?teamId=" + team + "&status=RESOLVED").body().path("total").asLong()).isZero();
    }

    @Test
    void listsIncidentsNewestFirst() throws Exception {
        String team = "order-" + run;
        TimelineEvent older = TimelineEvent.newBuilder(event("older-" + run, 1, TimelineEventType.INCIDENT_OPENED, -60_000))
                .setTeamId(team).build();
        TimelineEvent newer = TimelineEvent.newBuilder(event("newer-" + run, 1, TimelineEventType.INCIDENT_OPENED, 0))
                .setTeamId(team).build();
        send(older, newer);
        awaitTimeline("older-" + run, 1);
        awaitTimeline("newer-" + run, 1);

        JsonNode list = get("/api/v1/incidents?teamId=" + team + "&page=0&size=10").body();
        assertThat(list.path("items").findValuesAsString("incidentId")).containsExactly("newer-" + run, "older-" + run);
        assertThat(list.path("page").asInt()).isZero();
        assertThat(list.path("size").asInt()).isEqualTo(10);
        JsonNode secondPage = get("/api/v1/incidents?teamId=" + team + "&page=1&size=1").body();
        assertThat(secondPage.path("items").findValuesAsString("incidentId")).containsExactly("older-" + run);
        assertThat(secondPage.path("total").asLong()).isEqualTo(2);
    }

    @Test
    void recordsTheSameEventDeliveredTwiceOnce() throws Exception {
        String incidentId = "twice-" + run;
        TimelineEvent opened = event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0);
        send(opened, opened, event(incidentId, 2, TimelineEventType.NOTIFIED, 1_000));

        JsonNode timeline = awaitTimeline(incidentId, 2);
        assertThat(sequences(timeline)).containsExactly(1L, 2L);
        // Same partition, so the marker (#2) was consumed after both copies of #1: nothing more will come.
        assertThat(get("/api/v1/incidents/" + incidentId).body().path("eventCount").asInt()).isEqualTo(2);
    }

    @Test
    void recordsABatchRedeliveredAfterACrashHalfWayOnceAndMeasuresItOnce() throws Exception {
        String incidentId = "crash-" + run;
        String team = "crash-team-" + run;
        List<TimelineEvent> batch = new ArrayList<>();
        batch.add(TimelineEvent.newBuilder(event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0))
                .setTeamId(team).setSeverity(Severity.CRITICAL).setSummary("Checkout is down").build());
        batch.add(event(incidentId, 2, TimelineEventType.NOTIFIED, 1_000));
        batch.add(TimelineEvent.newBuilder(event(incidentId, 3, TimelineEventType.ACKNOWLEDGED, 60_000))
                .setActor(Actor.newBuilder().setKind(ActorKind.PERSON).setId("ann").build()).build());
        batch.add(event(incidentId, 4, TimelineEventType.NOTIFIED, 61_000));
        batch.add(event(incidentId, 5, TimelineEventType.ESCALATED, 62_000));
        batch.add(event(incidentId, 6, TimelineEventType.NOTIFIED, 63_000));
        batch.add(TimelineEvent.newBuilder(event(incidentId, 7, TimelineEventType.RESOLVED, 120_000))
                .setActor(Actor.newBuilder().setKind(ActorKind.PERSON).setId("ann").build()).build());
        // The consumer crashed half-way: the first three entries' transaction committed, their offsets did not,
        // so the whole batch comes again.
        store.recordAll(batch.subList(0, 3).stream().map(IncidentTimelineIT::entry).toList(),
                TimelineStore.Delivery.LIVE);
        send(batch.toArray(TimelineEvent[]::new));

        JsonNode timeline = awaitTimeline(incidentId, 7);
        assertThat(sequences(timeline)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        JsonNode incident = get("/api/v1/incidents/" + incidentId).body();
        assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(incident.path("notifications").asInt()).isEqualTo(3);
        assertThat(incident.path("escalations").asInt()).isEqualTo(1);
        assertThat(incident.path("missingEvents").asLong()).isZero();
        // Acknowledged in the first half, resolved in the second: each measured once, never again on redelivery.
        assertThat(meters.find("ownwatch.incident.mtta").tag("team", team).timer().count()).isEqualTo(1);
        assertThat(meters.find("ownwatch.incident.mttr").tag("team", team).timer().count()).isEqualTo(1);
        assertThat(meters.find("ownwatch.incident.mtta").tag("team", team).timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(60.0);
    }

    @Test
    void refoldsAnIncidentStoredBeforeFoldsWereKeptInFullOnItsNextEvent() throws Exception {
        String incidentId = "pre-v3-" + run;
        send(event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0),
                event(incidentId, 2, TimelineEventType.ESCALATED, 1_000));
        awaitTimeline(incidentId, 2);
        // As V2 and V3 left a row recorded before them: no fold kept, counts at their defaults.
        jdbc.sql("""
                        UPDATE incident SET fold_earliest_at = NULL, fold_opening_at = NULL, fold_opening_summary = NULL,
                                            fold_first_summary = NULL, fold_first_alert_at = NULL, escalation_count = 0
                        WHERE incident_id = :incidentId""")
                .param("incidentId", incidentId)
                .update();

        send(event(incidentId, 3, TimelineEventType.NOTIFIED, 2_000));

        awaitTimeline(incidentId, 3);
        JsonNode incident = get("/api/v1/incidents/" + incidentId).body();
        assertThat(incident.path("escalations").asInt()).isEqualTo(1);
        assertThat(incident.path("notifications").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT fold_earliest_at IS NOT NULL FROM incident WHERE incident_id = :incidentId")
                .param("incidentId", incidentId).query(Boolean.class).single()).isTrue();
    }

    /** The entry the consumer makes of an event. */
    private static TimelineEntry entry(TimelineEvent event) {
        return new TimelineEntry(event.getEventId(), event.getIncidentId(), event.getSequence(),
                EntryType.fromName(event.getType().name()), event.getOccurredAt(),
                new io.ownwatch.timeline.incident.Actor(event.getActor().getKind().name(), event.getActor().getId()),
                event.getServiceId(), event.getTeamId(),
                io.ownwatch.timeline.incident.Severity.fromName(event.getSeverity().name()), event.getSummary(),
                event.getAttributes());
    }

    @Test
    void listsEventsDeliveredOutOfOrderInSequenceOrder() throws Exception {
        String incidentId = "late-" + run;
        send(event(incidentId, 2, TimelineEventType.OWNER_RESOLVED, 2_000),
                event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0));

        JsonNode timeline = awaitTimeline(incidentId, 2);
        assertThat(sequences(timeline)).containsExactly(1L, 2L);
        assertThat(timeline.path("events").get(1).path("sincePreviousMillis").asLong()).isEqualTo(2_000);
        assertThat(Instant.parse(get("/api/v1/incidents/" + incidentId).body().path("openedAt").asString())).isEqualTo(T0);
    }

    @Test
    void sendsARecordThatIsNotOurWireFormatToTheDeadLetterTopicAndRecordsNothing() throws Exception {
        String key = "garbage-" + run;
        raw.send(new ProducerRecord<>(TOPIC, key, "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("definitely not avro");
        assertThat(header(dead, "kafka_dlt-exception-fqcn")).contains("DeserializationException");
        assertThat(header(dead, "x-exception-fqcn")).endsWith("SerializationException");
        assertThat(header(dead, "x-exception-message")).isNotBlank();
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(TOPIC);

        // The consumer moved on: a later event is recorded, and the garbage left no incident behind.
        String after = "after-garbage-" + run;
        send(event(after, 1, TimelineEventType.INCIDENT_OPENED, 0));
        awaitTimeline(after, 1);
        assertProblem(get("/api/v1/incidents/" + key), 404, null);
    }

    @Test
    void sendsAnEventClaimingATakenSequenceToTheDeadLetterTopic() throws Exception {
        String incidentId = "clash-" + run;
        TimelineEvent first = event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0);
        TimelineEvent impostor = event(incidentId, 1, TimelineEventType.RESOLVED, 5_000);
        send(first, impostor, event(incidentId, 2, TimelineEventType.NOTIFIED, 1_000));

        JsonNode timeline = awaitTimeline(incidentId, 2);
        assertThat(timeline.path("events").findValuesAsString("eventId")).doesNotContain(impostor.getEventId());
        assertThat(get("/api/v1/incidents/" + incidentId).body().path("status").asString()).isEqualTo("OPEN");

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(incidentId);
        assertThat(header(dead, "x-exception-fqcn")).isEqualTo("io.ownwatch.timeline.incident.SequenceConflict");
        assertThat(header(dead, "x-exception-message")).contains(impostor.getEventId()).contains("sequence 1");
    }

    @Test
    void answersUnknownIncidentsAndBadParametersWithProblems() throws Exception {
        Answer unknown = get("/api/v1/incidents/nope-" + run);
        assertProblem(unknown, 404, null);
        assertThat(unknown.body().path("detail").asString()).contains("nope-" + run);
        assertProblem(get("/api/v1/incidents/nope-" + run + "/timeline"), 404, null);

        assertProblem(get("/api/v1/incidents?page=-1"), 400, "page");
        assertProblem(get("/api/v1/incidents?size=100000"), 400, "size");
        assertProblem(get("/api/v1/incidents?size=abc"), 400, "size");
        Answer badStatus = get("/api/v1/incidents?status=SLEEPING");
        assertProblem(badStatus, 400, "status");
        assertThat(badStatus.body().path("errors").get(0).path("message").asString()).contains("ACKNOWLEDGED");
    }

    @Test
    void letsEveryRoleReadAndRefusesCallsWithoutAValidTokenWith401() throws Exception {
        Tokens tokens = TestInfrastructure.tokens();
        String incidentId = "access-" + run;
        send(event(incidentId, 1, TimelineEventType.INCIDENT_OPENED, 0));
        awaitTimeline(incidentId, 1);

        for (String person : List.of("alice", "bob", "carol", "dave")) {
            assertThat(get("/api/v1/incidents/" + incidentId, tokens.person(person)).status()).as(person).isEqualTo(200);
            assertThat(get("/api/v1/incidents/" + incidentId + "/timeline", tokens.person(person)).status()).as(person).isEqualTo(200);
        }
        for (String refused : List.of("", tokens.expired("dave"), tokens.foreignIssuer("dave"),
                tokens.tampered(tokens.person("dave")), tokens.wrongAudience())) {
            Answer answer = get("/api/v1/incidents/" + incidentId, refused.isEmpty() ? null : refused);
            assertProblem(answer, 401, null);
            assertThat(answer.body().path("type").asString()).isEqualTo("https://ownwatch.io/problems/unauthenticated");
            assertThat(answer.body().has("eventCount")).as("no incident data in a refusal").isFalse();
        }
    }

    @Test
    void showsTheAuditTrailToOpsAdminsOnly() throws Exception {
        Tokens tokens = TestInfrastructure.tokens();
        assertThat(get("/api/v1/audit", tokens.person("alice")).status()).isEqualTo(200);
        for (String person : List.of("bob", "carol", "dave")) {
            Answer refused = get("/api/v1/audit", tokens.person(person));
            assertProblem(refused, 403, null);
            assertThat(refused.body().path("type").asString()).isEqualTo("https://ownwatch.io/problems/forbidden");
        }
        assertProblem(get("/api/v1/audit", null), 401, null);
    }

    @Test
    void exposesHealthProbesMetricsAndOpenApi() throws Exception {
        // Probes, scrapers and API tooling hold no token.
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(get("/v3/api-docs", null).body().path("paths").has("/api/v1/incidents/{incidentId}/timeline")).isTrue();
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }
}
