package io.ownwatch.router;

import static io.ownwatch.router.TimelineTopic.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.integration.TestIntegrations;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The router on a real Kafka, schema registry and PostgreSQL (devstack), with the ownership
 * registry unreachable: a closed port is the "registry down" fault, so every incident must go to
 * the catch-all team with OWNER_UNKNOWN on its timeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class AlertRouterIT {

    private static final String ALERTS = "alerts.v1";
    private static final TimelineTopic TIMELINE = TimelineTopic.shared();
    private static final String DLQ = "alerts.v1.alert-router.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();

    private static TestIntegrations.Created integration;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router", RouterProperties.unreachableRegistry());
        // These tests post the same sample again and again: without grouping each fingerprint is its own incident.
        // Grouping has IncidentFormationIT.
        registry.add("ownwatch.router.grouping.by", () -> "");
    }

    @Test
    void acceptsAWebhookOnlyOnceTheAlertsAreOnKafkaAndOpensAnIncidentForTheCatchAllTeam() {
        String fingerprint = uniqueFingerprint();
        String otherFingerprint = uniqueFingerprint();

        HttpResponse<String> response = postJson(sample("firing.json")
                .replace("5f2b2c8c1d9e0a7b", fingerprint)
                .replace("a1b2c3d4e5f60718", otherFingerprint));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        List<String> eventIds = new ArrayList<>();
        body.get("eventIds").values().forEach(id -> eventIds.add(id.stringValue()));
        assertThat(eventIds).hasSize(2).doesNotHaveDuplicates();

        // 202 came after the broker's ack, so the records are there at once.
        List<ConsumerRecord<String, Object>> alerts = readFromStart(ALERTS,
                records -> keys(records).containsAll(List.of(fingerprint, otherFingerprint)), Duration.ofSeconds(5));
        AlertEvent event = (AlertEvent) alerts.stream().filter(r -> fingerprint.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(event.getEventId()).isEqualTo(eventIds.get(0));
        assertThat(event.getDedupKey()).isEqualTo(fingerprint);
        assertThat(event.getSource()).isEqualTo(AlertSource.ALERTMANAGER);
        assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.getSummary()).isEqualTo("Checkout error rate above 5%");
        assertThat(event.getEndsAt()).isNull();

        JsonNode incident = routerApi().awaitIncident(fingerprint, i -> true);
        assertThat(incident.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(incident.get("teamId").stringValue()).isEqualTo("operations");
        assertThat(incident.get("severity").stringValue()).isEqualTo("CRITICAL");
        assertThat(incident.get("alertCount").asInt()).isEqualTo(1);

        String id = incident.get("id").stringValue();
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 2);
        assertThat(TIMELINE.records()).filteredOn(record -> record.value().getIncidentId().equals(id))
                .as("keyed by incident id").extracting(ConsumerRecord::key).containsOnly(id);
        TimelineEvent opened = timeline.get(0);
        TimelineEvent owner = timeline.get(1);
        assertThat(opened.getType()).isEqualTo(TimelineEventType.INCIDENT_OPENED);
        assertThat(opened.getSequence()).isEqualTo(1);
        assertThat(opened.getAttributes()).containsEntry("dedupKey", fingerprint);
        assertThat(opened.getActor().getId()).isEqualTo("alert-router");
        assertThat(owner.getType()).isEqualTo(TimelineEventType.OWNER_UNKNOWN);
        assertThat(owner.getSequence()).isEqualTo(2);
        assertThat(owner.getTeamId()).isEqualTo("operations");
        assertThat(owner.getAttributes().get("reason")).contains("ownership registry unavailable");
    }

    @Test
    void theSameAlertTwiceIsOneIncidentWithTwoAlertsAndOneOpening() {
        String fingerprint = uniqueFingerprint();

        assertThat(postJson(firing(fingerprint)).statusCode()).isEqualTo(202);
        JsonNode first = routerApi().awaitIncident(fingerprint, i -> true);
        assertThat(postJson(firing(fingerprint)).statusCode()).isEqualTo(202);

        JsonNode incident = routerApi().awaitIncident(fingerprint, i -> i.get("alertCount").asInt() == 2);
        assertThat(incident.get("id")).isEqualTo(first.get("id"));
        assertThat(routerApi().incidents(fingerprint)).hasSize(1);
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident.get("id").stringValue(), 3);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN,
                TimelineEventType.ALERT_DEDUPLICATED);
        assertThat(timeline.get(2).getAttributes()).containsEntry("count", "2");
    }

    @Test
    void aResolvedAlertResolvesItsIncident() {
        String fingerprint = uniqueFingerprint();
        assertThat(postJson(firing(fingerprint)).statusCode()).isEqualTo(202);
        String id = routerApi().awaitIncident(fingerprint, i -> true).get("id").stringValue();

        assertThat(postJson(sample("resolved.json").replace("5f2b2c8c1d9e0a7b", fingerprint)).statusCode()).isEqualTo(202);

        JsonNode incident = routerApi().awaitIncident(fingerprint, i -> "RESOLVED".equals(i.get("status").stringValue()));
        assertThat(incident.get("resolvedAt").isNull()).isFalse();
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 3);
        assertThat(types(timeline)).containsExactly(
                TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN, TimelineEventType.RESOLVED);
        assertThat(timeline.get(2).getSequence()).isEqualTo(3);
    }

    @Test
    void aRedeliveredAlertEventHasNoSecondEffect() throws Exception {
        String dedupKey = uniqueFingerprint();
        AlertEvent event = alertEvent(dedupKey);
        AlertEvent later = TestAlerts.repeated(event);

        // Same key, same partition: once the later one is counted, the redelivery was handled before it.
        AvroTopics.alerts(ALERTS, event, event, later);

        JsonNode incident = routerApi().awaitIncident(dedupKey, i -> i.get("alertCount").asInt() >= 2);
        assertThat(incident.get("alertCount").asInt()).isEqualTo(2);
        assertThat(routerApi().incidents(dedupKey)).hasSize(1);
        assertThat(types(TIMELINE.awaitExactly(incident.get("id").stringValue(), 3))).containsExactly(
                TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN, TimelineEventType.ALERT_DEDUPLICATED);
    }

    @Test
    void repeatsOfAlertsInOneBatchFoldIntoTheirIncidentsWithTheirCountsAndOneNoteEach() throws Exception {
        String a = uniqueFingerprint();
        String b = uniqueFingerprint();
        Instant start = Instant.now();
        AvroTopics.alerts(ALERTS, alertEvent(a, start), alertEvent(b, start));
        String incidentA = routerApi().awaitIncident(a, i -> true).get("id").stringValue();
        String incidentB = routerApi().awaitIncident(b, i -> true).get("id").stringValue();

        // One producer batch, so one record batch on the broker and one poll of the router: 30 repeats of a
        // interleaved with 20 of b, and one repeat delivered twice (the same event id), all within a minute.
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            AlertEvent repeat = alertEvent(a, start.plusMillis(i * 100L));
            batch.add(encoded(a, repeat));
            if (i == 7) {
                batch.add(encoded(a, repeat));
            }
            if (i <= 20) {
                batch.add(encoded(b, alertEvent(b, start.plusMillis(i * 100L + 50))));
            }
        }
        sendAsOneBatch(batch);

        JsonNode foldedA = routerApi().awaitIncident(a, i -> i.get("alertCount").asInt() >= 31);
        JsonNode foldedB = routerApi().awaitIncident(b, i -> i.get("alertCount").asInt() >= 21);
        assertThat(foldedA.get("alertCount").asInt()).as("the event delivered twice counts once").isEqualTo(31);
        assertThat(foldedB.get("alertCount").asInt()).isEqualTo(21);
        assertThat(routerApi().incidents(a)).hasSize(1);
        assertThat(routerApi().incidents(b)).hasSize(1);
        assertThat(Instant.parse(foldedA.get("lastSeenAt").stringValue()))
                .isEqualTo(start.plusMillis(3000).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        JsonNode details = JSON.readTree(send(api("/api/v1/incidents/" + incidentA, TestInfrastructure.tokens().person("dave"))).body());
        assertThat(details.get("alerts")).singleElement().satisfies(alert -> assertThat(alert.get("count").asInt()).isEqualTo(31));
        for (String incident : List.of(incidentA, incidentB)) {
            List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 3);
            assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN,
                    TimelineEventType.ALERT_DEDUPLICATED);
            assertThat(timeline).extracting(TimelineEvent::getSequence).containsExactly(1L, 2L, 3L);
            assertThat(timeline.get(2).getAttributes()).containsEntry("count", "2");
        }
    }

    @Test
    void anUndecodableRecordInABatchAloneGoesToTheDeadLetterTopicAndTheOthersAreRouted() throws Exception {
        String before = uniqueFingerprint();
        String after = uniqueFingerprint();
        String garbageKey = "garbage-in-batch-" + UUID.randomUUID();
        byte[] garbage = "neither Avro nor the wire format".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        sendAsOneBatch(List.of(encoded(before, alertEvent(before, now)), new ProducerRecord<>(ALERTS, garbageKey, garbage),
                encoded(after, alertEvent(after, now))));

        routerApi().awaitIncident(before, i -> true);
        routerApi().awaitIncident(after, i -> true);
        List<ConsumerRecord<String, byte[]>> dead = readRawFromStart(DLQ,
                records -> records.stream().anyMatch(r -> garbageKey.equals(r.key())), PATIENCE);
        List<ConsumerRecord<String, byte[]>> letters = dead.stream().filter(r -> garbageKey.equals(r.key())).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(new String(letter.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("magic byte");
        });
        assertThat(keys(dead)).as("only the undecodable record").doesNotContain(before, after);
        assertThat(routerApi().incidents(before)).hasSize(1);
        assertThat(routerApi().incidents(after)).hasSize(1);
    }

    @Test
    void aBatchDeliveredAgainAfterACrashChangesNothing() throws Exception {
        String dedupKey = uniqueFingerprint();
        Instant start = Instant.now();
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(encoded(dedupKey, alertEvent(dedupKey, start.plusMillis(i * 100L))));
        }
        sendAsOneBatch(batch);
        String id = routerApi().awaitIncident(dedupKey, i -> i.get("alertCount").asInt() >= 5).get("id").stringValue();

        // What the router polls again when it crashed after committing the batch's transaction but before the
        // consumer offsets: the very same records. Then one new event of the same alert, on the same partition.
        sendAsOneBatch(batch);
        sendAsOneBatch(List.of(encoded(dedupKey, alertEvent(dedupKey, start.plusMillis(900)))));

        JsonNode incident = routerApi().awaitIncident(dedupKey, i -> i.get("alertCount").asInt() >= 6);
        assertThat(incident.get("alertCount").asInt()).isEqualTo(6);
        assertThat(incident.get("id").stringValue()).isEqualTo(id);
        assertThat(routerApi().incidents(dedupKey)).hasSize(1);
        assertThat(types(TIMELINE.awaitExactly(id, 3))).containsExactly(
                TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN, TimelineEventType.ALERT_DEDUPLICATED);
    }

    @Test
    void rejectsAPayloadThatIsNotJsonByContentTypeWith415AndPublishesNothing() {
        assertRejectedAndNothingPublished(
                request("text/plain", firing(uniqueFingerprint())), 415, null, "not supported");
    }

    @Test
    void rejectsAnOversizedBodyWith413AndPublishesNothing() {
        String huge = firing(uniqueFingerprint()).replace("Checkout error rate above 5%", "x".repeat(1_100_000));
        assertRejectedAndNothingPublished(request("application/json", huge), 413, null, "exceeds the limit");
    }

    @Test
    void rejectsMalformedJsonWith400AndPublishesNothing() {
        assertRejectedAndNothingPublished(request("application/json", "{\"alerts\": [ {"), 400, null, "not valid JSON");
    }

    @Test
    void rejectsAMissingFieldWith400NamingItAndPublishesNothing() {
        String secondAlertWithoutLabels = firing(uniqueFingerprint()).replace("""
                      "labels": {
                        "alertname": "DiskAlmostFull",
                        "instance": "db-1:9100",
                        "severity": "warning"
                      },
                """, "");
        assertThat(secondAlertWithoutLabels).doesNotContain("\"alertname\": \"DiskAlmostFull\"");
        assertRejectedAndNothingPublished(request("application/json", secondAlertWithoutLabels), 400,
                "alerts[1].labels", "alerts[1].labels");
    }

    @Test
    void aRecordThatIsNotAnAlertEventGoesToTheDeadLetterTopicAndChangesNothing() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        byte[] garbage = "this is not Avro".getBytes(StandardCharsets.UTF_8);
        AvroTopics.produceRaw(ALERTS, key, garbage);

        List<ConsumerRecord<String, byte[]>> dead = readRawFromStart(DLQ,
                records -> records.stream().anyMatch(r -> key.equals(r.key())), PATIENCE);
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.value()).as("the dead letter keeps the original bytes").isEqualTo(garbage);
        Header reason = letter.headers().lastHeader("x-exception-message");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("magic byte");
        assertThat(new String(letter.headers().lastHeader("x-original-topic").value(), StandardCharsets.UTF_8)).isEqualTo(ALERTS);
        assertThat(letter.headers().lastHeader("kafka_dlt-original-offset")).as("spring-kafka's headers too").isNotNull();
        assertThat(routerApi().incidents(key)).isEmpty();

        // Operators see dead letters on the metrics endpoint, by topic, dead-letter topic and reason.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(deadLetterCounts()).anySatisfy(line -> assertThat(line)
                        .contains("application=\"alert-router\"")
                        .contains("topic=\"alerts.v1\"")
                        .contains("dlq=\"" + DLQ + "\"")
                        .contains("exception=\"SerializationException\"")));
    }

    @Test
    void anEventThatIsNotAnAlertEventIsDeadLetteredAsADecodableEventWithTheReason() throws Exception {
        String key = "not-an-alert-" + UUID.randomUUID();
        TimelineEvent wrongType = TimelineEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(key)
                .setSequence(1)
                .setType(TimelineEventType.INCIDENT_OPENED)
                .setOccurredAt(Instant.now())
                .setActor(Actor.newBuilder().setKind(ActorKind.SYSTEM).setId("it").build())
                .setServiceId(null)
                .setTeamId(null)
                .setSeverity(Severity.UNKNOWN)
                .setSummary(null)
                .setAttributes(Map.of())
                .build();
        // The registry would refuse a TimelineEvent under alerts.v1-value, so write its timeline-topic bytes raw.
        AvroTopics.produceRaw(ALERTS, key, AvroTopics.encode(TimelineTopic.TOPIC, wrongType));

        // Read raw: the dead-letter topic also holds the garbage of the other test.
        List<ConsumerRecord<String, byte[]>> dead = readRawFromStart(DLQ,
                records -> records.stream().anyMatch(r -> key.equals(r.key())), PATIENCE);
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        try (KafkaAvroDeserializer values = AvroTopics.decoder()) {
            assertThat(values.deserialize(DLQ, letter.value())).as("written again in the wire format").isEqualTo(wrongType);
        }
        assertThat(new String(letter.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("is not an AlertEvent");
        assertThat(routerApi().incidents(key)).isEmpty();
    }

    @Test
    void ingestNeedsNoTokenButIncidentReadsNeedAPersonWithARole() {
        Tokens tokens = TestInfrastructure.tokens();
        String fingerprint = uniqueFingerprint();
        assertThat(postJson(firing(fingerprint)).statusCode()).isEqualTo(202);
        String id = routerApi().awaitIncident(fingerprint, i -> true).get("id").stringValue();

        for (String person : List.of("alice", "bob", "carol", "dave")) {
            assertThat(send(api("/api/v1/incidents/" + id, tokens.person(person))).statusCode()).as(person).isEqualTo(200);
        }
        for (String refused : List.of("", tokens.expired("dave"), tokens.foreignIssuer("dave"),
                tokens.tampered(tokens.person("dave")), tokens.wrongAudience())) {
            HttpResponse<String> response = send(api("/api/v1/incidents/" + id, refused.isEmpty() ? null : refused));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(JSON.readTree(response.body()).get("type").stringValue())
                    .isEqualTo("https://ownwatch.io/problems/unauthenticated");
            assertThat(response.body()).doesNotContain(fingerprint);
        }
        // The router's own client identity is for calling the registry, not for reading incidents.
        HttpResponse<String> asClient = send(api("/api/v1/incidents/" + id,
                tokens.client("alert-router", "alert-router-secret", "registry.resolve")));
        assertThat(asClient.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(asClient.body()).get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/forbidden");
    }

    @Test
    void countsAcceptedIngestPerIntegrationInsteadOfAuditRowsAndShowsTheTrailToOpsAdminsOnly() {
        Tokens tokens = TestInfrastructure.tokens();
        String actor = "integration:" + integration().name();
        double before = countedPosts(actor, "202");
        assertThat(postJson(firing(uniqueFingerprint())).statusCode()).isEqualTo(202);
        assertThat(postJson(firing(uniqueFingerprint())).statusCode()).isEqualTo(202);

        // Counted by the filter around the request once it is answered, which the sender may see first.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(countedPosts(actor, "202")).isEqualTo(before + 2));
        HttpResponse<String> trail = send(api("/api/v1/audit?actor=" + actor + "&outcome=202&size=500", tokens.person("alice")));
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(trail.body()).get("items").values()).as("no audit row per accepted post").isEmpty();

        // A refused post is still a row: refusals are what an auditor looks for.
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/alertmanager"))
                .header("Authorization", "Bearer owk_" + "0".repeat(43))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(firing(uniqueFingerprint())))
                .build());
        assertThat(refused.statusCode()).isEqualTo(401);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> refusals = send(api("/api/v1/audit?outcome=401&size=500", tokens.person("alice")));
            List<JsonNode> entries = new ArrayList<>();
            JSON.readTree(refusals.body()).get("items").values().forEach(entries::add);
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.get("method").stringValue()).isEqualTo("POST");
                assertThat(entry.get("path").stringValue()).isEqualTo("/api/v1/ingest/alertmanager");
            });
        });
        for (String person : List.of("bob", "carol", "dave")) {
            assertThat(send(api("/api/v1/audit", tokens.person(person))).statusCode()).as(person).isEqualTo(403);
        }
        assertThat(send(api("/api/v1/audit", null)).statusCode()).isEqualTo(401);
    }

    /** ownwatch_audit_counted_total of one actor and outcome, 0 before the first. */
    private double countedPosts(String actor, String outcome) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines()
                .filter(line -> line.startsWith("ownwatch_audit_counted_total{"))
                .filter(line -> line.contains("actor=\"" + actor + "\"") && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<String> deadLetterCounts() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith("ownwatch_dead_letters_total{")).toList();
    }

    private void assertRejectedAndNothingPublished(HttpRequest request, int status, String field, String detailContains) {
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, ALERTS);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            HttpResponse<String> response = send(request);

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("detail").stringValue()).contains(detailContains);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.ownwatch");
            if (field != null) {
                assertThat(problem.get("field").stringValue()).isEqualTo(field);
            }
            List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            }
            assertThat(published).as("nothing may reach alerts.v1").isEmpty();
        }
    }

    private static List<String> keys(List<? extends ConsumerRecord<String, ?>> records) {
        return records.stream().map(ConsumerRecord::key).filter(Objects::nonNull).toList();
    }

    private List<ConsumerRecord<String, Object>> readFromStart(String topic,
            Predicate<List<ConsumerRecord<String, Object>>> done, Duration atMost) {
        KafkaAvroDeserializer values = AvroTopics.decoder();
        // alerts.v1 also holds the garbage the dead-letter tests write: kept as its bytes, not a reason to stop reading.
        Deserializer<Object> tolerant = (from, data) -> {
            try {
                return values.deserialize(from, data);
            } catch (SerializationException e) {
                return data;
            }
        };
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), tolerant)) {
            return pollUntil(consumer, topic, done, atMost);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readRawFromStart(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration atMost) {
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            return pollUntil(consumer, topic, done, atMost);
        }
    }

    private static <V> List<ConsumerRecord<String, V>> pollUntil(KafkaConsumer<String, V> consumer, String topic,
            Predicate<List<ConsumerRecord<String, V>>> done, Duration atMost) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(atMost);
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = partitions(consumer, topic);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (!done.test(records) && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private KafkaConsumer<String, byte[]> rawConsumer() {
        return new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    /** The records with their values already in the wire format, so raw and Avro records can share one batch. */
    private ProducerRecord<String, byte[]> encoded(String key, AlertEvent event) {
        return new ProducerRecord<>(ALERTS, key, AvroTopics.encode(ALERTS, event));
    }

    /**
     * Sends the records in one producer batch (they share a partition: alerts.v1 has one in tests), which the broker
     * keeps as one record batch and the router gets in one poll.
     */
    private static void sendAsOneBatch(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 1000,
                ProducerConfig.BATCH_SIZE_CONFIG, 1_048_576),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sends = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            for (var sent : sends) {
                sent.get();
            }
        }
    }

    private static AlertEvent alertEvent(String dedupKey, Instant receivedAt) {
        return AlertEvent.newBuilder(alertEvent(dedupKey)).setReceivedAt(receivedAt).build();
    }

    private static AlertEvent alertEvent(String dedupKey) {
        return TestAlerts.firing(dedupKey, Severity.ERROR, "Queue consumer lagging",
                Map.of("alertname", "ConsumerLag", "service", "billing"));
    }

    private RouterApi routerApi() {
        return RouterApi.onPort(port).patience(PATIENCE);
    }

    private HttpRequest api(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpResponse<String> postJson(String body) {
        return send(request("application/json", body));
    }

    private HttpRequest request(String contentType, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ingest/alertmanager"))
                .header("Authorization", "Bearer " + integration().key())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The Alertmanager integration this class posts with, created once through the API. */
    private TestIntegrations.Created integration() {
        if (integration == null) {
            integration = TestIntegrations.create("http://127.0.0.1:" + port, TestInfrastructure.tokens(), "alertmanager");
        }
        return integration;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }

    private static String firing(String fingerprint) {
        return sample("firing.json").replace("5f2b2c8c1d9e0a7b", fingerprint)
                .replace("a1b2c3d4e5f60718", uniqueFingerprint());
    }

    private static String sample(String name) {
        try (InputStream in = AlertRouterIT.class.getResourceAsStream("/alertmanager/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uniqueFingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }
}
