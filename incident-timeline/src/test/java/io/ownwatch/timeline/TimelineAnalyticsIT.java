package io.ownwatch.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics against hand-computed fixtures: incidents published as Avro onto a real Kafka (some out of order,
 * some twice), recorded in a real PostgreSQL, and measured over HTTP. The fixture lives in a week picked at random
 * per run, so other tests' incidents never fall into its time range.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IncidentTimelineApplication.CONFIG_NAME, "ownwatch.timeline.gap-hold=1s", "ownwatch.replay.max-pause=200ms"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineAnalyticsIT {

    private static final String TOPIC = "incident.timeline.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A Monday, 00:00 UTC, between 2001 and 2020. */
    private static final Instant T0 = Instant.parse("2001-01-01T00:00:00Z")
            .plus(Duration.ofDays(7L * ThreadLocalRandom.current().nextInt(1000)));
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String alpha = "alpha-" + run;
    private final String beta = "beta-" + run;
    private final String checkout = "checkout-" + run;
    private final String search = "search-" + run;
    private final String lookup = "lookup-" + run;
    private final String range = "from=" + T0 + "&to=" + T0.plus(Duration.ofDays(14));

    private KafkaProducer<String, Object> events;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("timeline").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TimelineEvent ev(String incident, long sequence, TimelineEventType type, long secondsAfterT0, ActorKind actor,
            String team, String service, Severity severity) {
        return TimelineEvent.newBuilder()
                .setEventId(incident + "-" + sequence + "-" + UUID.randomUUID())
                .setIncidentId(incident)
                .setSequence(sequence)
                .setType(type)
                .setOccurredAt(T0.plusSeconds(secondsAfterT0))
                .setActor(Actor.newBuilder().setKind(actor).setId(actor == ActorKind.PERSON ? "ann" : "alert-router").build())
                .setServiceId(service)
                .setTeamId(team)
                .setSeverity(severity)
                .setSummary(type == TimelineEventType.INCIDENT_OPENED ? "Fixture " + incident : null)
                .setAttributes(Map.of())
                .build();
    }

    /** The events of one incident of a team, service and severity, at seconds after {@code start}. */
    private final class Script {
        private final String incident;
        private final long start;
        private final String team;
        private final String service;
        private final Severity severity;
        private final List<TimelineEvent> events = new ArrayList<>();

        Script(String incident, long start, String team, String service, Severity severity) {
            this.incident = incident + "-" + run;
            this.start = start;
            this.team = team;
            this.service = service;
            this.severity = severity;
        }

        Script then(TimelineEventType type, long at) {
            return then(type, at, ActorKind.SYSTEM);
        }

        Script then(TimelineEventType type, long at, ActorKind actor) {
            events.add(ev(incident, events.size() + 1, type, start + at, actor, team, service, severity));
            return this;
        }
    }

    private final List<Script> fixture = new ArrayList<>();

    private Script incident(String name, long start, String team, String service, Severity severity) {
        Script script = new Script(name, start, team, service, severity);
        fixture.add(script);
        return script;
    }

    @BeforeAll
    void publishTheFixture() throws Exception {
        Infrastructure infra = TestInfrastructure.get();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaAvroSerializer avro = new KafkaAvroSerializer();
        avro.configure(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false);
        events = new KafkaProducer<>(config, new StringSerializer(), avro);

        // alpha, checkout, CRITICAL, Monday 10:00: MTTA 60 s, MTTR 600 s; delivered out of order and one event twice.
        Script inc1 = incident("inc1", 10 * HOUR, alpha, checkout, Severity.CRITICAL)
                .then(TimelineEventType.ALERT_RECEIVED, 0).then(TimelineEventType.INCIDENT_OPENED, 5)
                .then(TimelineEventType.NOTIFIED, 10).then(TimelineEventType.ACKNOWLEDGED, 60, ActorKind.PERSON)
                .then(TimelineEventType.RESOLVED, 600);
        // alpha, checkout, CRITICAL, Tuesday 10:00: escalated, MTTA 420 s, MTTR 1800 s.
        incident("inc2", DAY + 10 * HOUR, alpha, checkout, Severity.CRITICAL)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.NOTIFIED, 0)
                .then(TimelineEventType.ESCALATED, 300).then(TimelineEventType.NOTIFIED, 301)
                .then(TimelineEventType.ACKNOWLEDGED, 420, ActorKind.PERSON).then(TimelineEventType.RESOLVED, 1800);
        // alpha, checkout, CRITICAL, Monday 20:00: never acknowledged, still open; paged off hours, on Saturday,
        // at 17:00 sharp (off) and at 09:00 sharp (business hours).
        incident("inc3", 20 * HOUR, alpha, checkout, Severity.CRITICAL)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.NOTIFIED, 0)
                .then(TimelineEventType.NOTIFIED, 5 * DAY + 11 * HOUR - 20 * HOUR)
                .then(TimelineEventType.NOTIFIED, 2 * DAY + 17 * HOUR - 20 * HOUR)
                .then(TimelineEventType.NOTIFIED, 3 * DAY + 9 * HOUR - 20 * HOUR);
        // alpha, checkout, WARNING, next Monday 10:00: reopened; MTTA 120 s, MTTR to the latest resolution 2000 s.
        incident("inc4", 7 * DAY + 10 * HOUR, alpha, checkout, Severity.WARNING)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.ACKNOWLEDGED, 120, ActorKind.PERSON)
                .then(TimelineEventType.RESOLVED, 300).then(TimelineEventType.REOPENED, 1000)
                .then(TimelineEventType.RESOLVED, 2000);
        // alpha, checkout, CRITICAL, next Monday 12:00: automation only; MTTR 90 s.
        incident("inc5", 7 * DAY + 12 * HOUR, alpha, checkout, Severity.CRITICAL)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.ACKNOWLEDGED, 5, ActorKind.AUTOMATION)
                .then(TimelineEventType.REMEDIATION_REQUESTED, 6).then(TimelineEventType.REMEDIATION_SUCCEEDED, 60)
                .then(TimelineEventType.RESOLVED, 90);
        // beta, search, CRITICAL: automation only, compared with CRITICAL incidents of any service.
        incident("inc6", 2 * DAY, beta, search, Severity.CRITICAL)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.REMEDIATION_SUCCEEDED, 30)
                .then(TimelineEventType.RESOLVED, 40);
        // beta, lookup, CRITICAL: handled by a person, MTTR 300 s.
        incident("inc7", 3 * DAY, beta, lookup, Severity.CRITICAL)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.ACKNOWLEDGED, 100, ActorKind.PERSON)
                .then(TimelineEventType.RESOLVED, 300);
        // beta, search, INFO: automation only, with nothing comparable.
        incident("inc8", 4 * DAY, beta, search, Severity.INFO)
                .then(TimelineEventType.INCIDENT_OPENED, 0).then(TimelineEventType.REMEDIATION_SUCCEEDED, 30)
                .then(TimelineEventType.RESOLVED, 40);

        List<TimelineEvent> first = inc1.events;
        send(first.get(4), first.get(2), first.get(0), first.get(3), first.get(2), first.get(1));
        for (Script script : fixture.subList(1, fixture.size())) {
            send(script.events.toArray(TimelineEvent[]::new));
        }
        for (Script script : fixture) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Answer incident = get("/api/v1/incidents/" + script.incident);
                return incident.status() == 200 && incident.body().path("eventCount").asInt() == script.events.size();
            });
        }
    }

    @AfterAll
    void closeProducer() {
        events.close();
    }

    private void send(TimelineEvent... toSend) throws Exception {
        for (TimelineEvent event : toSend) {
            events.send(new ProducerRecord<>(TOPIC, event.getIncidentId(), event)).get();
        }
    }

    record Answer(int status, String contentType, JsonNode body, String text) {
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return get(path, TestInfrastructure.tokens().person("dave"));
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = contentType.contains("json") && !response.body().isBlank() ? JSON.readTree(response.body()) : JSON.nullNode();
        return new Answer(response.statusCode(), contentType, body, response.body());
    }

    private static void assertDurations(JsonNode durations, double mean, double median, double p90) {
        assertThat(durations.path("meanSeconds").asDouble()).isCloseTo(mean, within(0.001));
        assertThat(durations.path("medianSeconds").asDouble()).isCloseTo(median, within(0.001));
        assertThat(durations.path("p90Seconds").asDouble()).isCloseTo(p90, within(0.001));
    }

    private static void assertProblem(Answer answer, String field) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void measuresMttaAndMttrOfATeamAsComputedByHand() throws Exception {
        JsonNode overall = get("/api/v1/analytics/response-times?team=" + alpha + "&" + range).body().path("overall");
        assertThat(overall.path("incidents").asLong()).isEqualTo(5);
        assertThat(overall.path("acknowledged").asLong()).isEqualTo(3);
        assertThat(overall.path("neverAcknowledged").asLong()).as("inc3 open, inc5 automation only").isEqualTo(2);
        assertThat(overall.path("resolved").asLong()).isEqualTo(4);
        // MTTA over 60, 120, 420: p90 interpolates between 120 and 420 at rank 1.8.
        assertDurations(overall.path("mtta"), 200, 120, 360);
        // MTTR over 90, 600, 1800, 2000 (the reopened inc4 counts to its latest resolution).
        assertDurations(overall.path("mttr"), 1122.5, 1200, 1940);
        assertThat(overall.path("escalated").asLong()).isEqualTo(1);
        assertThat(overall.path("escalationRate").asDouble()).isEqualTo(0.2);
        assertThat(overall.path("resolvedByAutomation").asLong()).isEqualTo(1);
        assertThat(overall.path("automationShare").asDouble()).isEqualTo(0.25);

        JsonNode warning = get("/api/v1/analytics/response-times?team=" + alpha + "&severity=WARNING&" + range).body().path("overall");
        assertThat(warning.path("incidents").asLong()).isEqualTo(1);
        assertDurations(warning.path("mtta"), 120, 120, 120);
        JsonNode none = get("/api/v1/analytics/response-times?team=" + alpha + "&service=nothing-" + run + "&" + range).body().path("overall");
        assertThat(none.path("incidents").asLong()).isZero();
        assertThat(none.path("mtta").path("medianSeconds").isNull()).isTrue();
        assertThat(none.path("escalationRate").isNull()).isTrue();
    }

    @Test
    void bucketsTrendsByDayAndWeekInTheAskedZone() throws Exception {
        JsonNode weeks = get("/api/v1/analytics/response-times?team=" + alpha + "&bucket=week&" + range).body().path("buckets");
        assertThat(weeks.findValuesAsString("start")).containsExactly(T0.toString(), T0.plus(Duration.ofDays(7)).toString());
        assertThat(weeks.get(0).path("stats").path("incidents").asLong()).isEqualTo(3);
        assertThat(weeks.get(0).path("stats").path("mtta").path("medianSeconds").asDouble()).isEqualTo(240);
        assertThat(weeks.get(1).path("stats").path("incidents").asLong()).isEqualTo(2);

        JsonNode utcDays = get("/api/v1/analytics/response-times?team=" + alpha + "&bucket=day&" + range).body().path("buckets");
        assertThat(utcDays.findValuesAsString("start")).containsExactly(T0.toString(),
                T0.plus(Duration.ofDays(1)).toString(), T0.plus(Duration.ofDays(7)).toString());
        assertThat(utcDays.get(0).path("stats").path("incidents").asLong()).as("inc1 and inc3").isEqualTo(2);

        // Monday 20:00 UTC is Tuesday 05:00 in Tokyo (UTC+9, no daylight saving): inc3 moves to Tuesday.
        JsonNode tokyoDays = get("/api/v1/analytics/response-times?team=" + alpha + "&bucket=day&zone=Asia/Tokyo&" + range)
                .body().path("buckets");
        assertThat(tokyoDays.findValuesAsString("start")).containsExactly(T0.minusSeconds(9 * HOUR).toString(),
                T0.plusSeconds(DAY - 9 * HOUR).toString(), T0.plusSeconds(7 * DAY - 9 * HOUR).toString());
        assertThat(tokyoDays.get(0).path("stats").path("incidents").asLong()).isEqualTo(1);
        assertThat(tokyoDays.get(1).path("stats").path("incidents").asLong()).isEqualTo(2);
    }

    @Test
    void splitsPagesPerTeamByBusinessHours() throws Exception {
        JsonNode utc = get("/api/v1/analytics/pages?team=" + alpha + "&" + range).body().path("teams");
        assertThat(utc).hasSize(1);
        assertThat(utc.get(0).path("teamId").asString()).isEqualTo(alpha);
        assertThat(utc.get(0).path("pages").asLong()).isEqualTo(7);
        // Monday 10:00:10, Tuesday 10:00 and 10:05:01, Thursday 09:00 sharp; off: Monday 20:00, Saturday, Wednesday 17:00 sharp.
        assertThat(utc.get(0).path("businessHours").asLong()).isEqualTo(4);
        assertThat(utc.get(0).path("offHours").asLong()).isEqualTo(3);

        JsonNode tokyo = get("/api/v1/analytics/pages?team=" + alpha + "&zone=Asia/Tokyo&" + range).body().path("teams");
        assertThat(tokyo.get(0).path("businessHours").asLong()).as("every page falls outside 09-17 in Tokyo").isZero();
        assertThat(tokyo.get(0).path("offHours").asLong()).isEqualTo(7);
    }

    @Test
    void creditsAutomationWithTheMedianMttrOfComparablePersonHandledIncidents() throws Exception {
        JsonNode alphaOnly = get("/api/v1/analytics/automation?team=" + alpha + "&" + range).body();
        assertThat(alphaOnly.path("resolvedByAutomation").asLong()).isEqualTo(1);
        assertThat(alphaOnly.path("automationShare").asDouble()).isEqualTo(0.25);
        // inc5 (checkout, CRITICAL) against people's checkout CRITICAL incidents: median of 600 and 1800.
        assertThat(alphaOnly.path("timeSaved").path("savedSeconds").asDouble()).isEqualTo(1200);

        JsonNode all = get("/api/v1/analytics/automation?" + range).body().path("timeSaved");
        assertThat(all.path("automatedIncidents").asLong()).isEqualTo(3);
        assertThat(all.path("comparedIncidents").asLong()).isEqualTo(2);
        assertThat(all.path("withoutComparison").asLong()).as("inc8, INFO").isEqualTo(1);
        // inc6 (search, CRITICAL): no person-handled search CRITICAL, so CRITICAL of any service: median of 300, 600, 1800.
        assertThat(all.path("savedSeconds").asDouble()).isEqualTo(1200 + 600);
    }

    @Test
    void listsTeamsWithTheirResponseTimes() throws Exception {
        JsonNode teams = get("/api/v1/analytics/teams?" + range).body().path("teams");
        assertThat(teams.findValuesAsString("teamId")).containsExactly(alpha, beta);
        JsonNode b = teams.get(1).path("stats");
        assertThat(b.path("incidents").asLong()).isEqualTo(3);
        assertThat(b.path("resolvedByAutomation").asLong()).isEqualTo(2);
        assertThat(b.path("mtta").path("medianSeconds").asDouble()).isEqualTo(100);
    }

    @Test
    void projectsEachIncidentWithItsCountsAndFirstMoments() throws Exception {
        JsonNode inc4 = get("/api/v1/incidents/inc4-" + run).body();
        assertThat(inc4.path("reopened").asInt()).isEqualTo(1);
        assertThat(inc4.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(Instant.parse(inc4.path("firstPersonAcknowledgedAt").asString())).isEqualTo(T0.plusSeconds(7 * DAY + 10 * HOUR + 120));
        JsonNode inc1 = get("/api/v1/incidents/inc1-" + run).body();
        assertThat(inc1.path("eventCount").asInt()).as("the duplicate is recorded once").isEqualTo(5);
        assertThat(Instant.parse(inc1.path("firstAlertAt").asString())).isEqualTo(T0.plusSeconds(10 * HOUR));
        assertThat(inc1.path("notifications").asInt()).isEqualTo(1);
        JsonNode inc5 = get("/api/v1/incidents/inc5-" + run).body();
        assertThat(inc5.path("resolvedByAutomation").asBoolean()).isTrue();
        assertThat(inc5.path("firstPersonAcknowledgedAt").isNull()).isTrue();
        assertThat(inc5.path("firstAutomationAcknowledgedAt").isNull()).isFalse();
        JsonNode inc2 = get("/api/v1/incidents/inc2-" + run).body();
        assertThat(inc2.path("escalations").asInt()).isEqualTo(1);
        assertThat(inc2.path("notifications").asInt()).isEqualTo(2);
    }

    @Test
    void recordsMttaAndMttrHistogramsOncePerIncidentByTeamAndSeverity() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(count(metrics, "ownwatch_incident_mtta_seconds_count", alpha, "CRITICAL")).as("inc1, inc2").isEqualTo(2);
        assertThat(count(metrics, "ownwatch_incident_mtta_seconds_count", alpha, "WARNING")).isEqualTo(1);
        assertThat(count(metrics, "ownwatch_incident_mttr_seconds_count", alpha, "CRITICAL")).as("inc1, inc2, inc5").isEqualTo(3);
        assertThat(count(metrics, "ownwatch_incident_mttr_seconds_count", alpha, "WARNING")).as("inc4 once, though resolved twice").isEqualTo(1);
        assertThat(sum(metrics, "ownwatch_incident_mtta_seconds_sum", alpha, "CRITICAL"))
                .as("inc1 measured from its first alert even though its ack arrived first").isEqualTo(480.0);
        assertThat(metrics).contains("ownwatch_incident_mtta_seconds_bucket");
    }

    private static double count(String metrics, String name, String team, String severity) {
        return sum(metrics, name, team, severity);
    }

    private static double sum(String metrics, String name, String team, String severity) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("team=\"" + team + "\"")
                        && line.contains("severity=\"" + severity + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    @Test
    void reportsAGapThatOutlastsTheHoldUntilTheMissingEventArrives() throws Exception {
        String incident = "gap-" + run;
        // Long before the fixture's range, so that it changes none of its figures.
        TimelineEvent one = ev(incident, 1, TimelineEventType.INCIDENT_OPENED, -30 * DAY, ActorKind.SYSTEM, beta, search, Severity.ERROR);
        TimelineEvent two = ev(incident, 2, TimelineEventType.NOTIFIED, 1, ActorKind.SYSTEM, beta, search, Severity.ERROR);
        TimelineEvent three = ev(incident, 3, TimelineEventType.NOTE_ADDED, 2, ActorKind.PERSON, beta, search, Severity.ERROR);
        send(one, three);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> get("/api/v1/incidents/gaps").body()
                .findValuesAsString("incidentId").contains(incident));
        JsonNode gap = null;
        for (JsonNode node : get("/api/v1/incidents/gaps").body()) {
            if (node.path("incidentId").asString().equals(incident)) {
                gap = node;
            }
        }
        assertThat(gap.path("missingCount").asLong()).isEqualTo(1);
        assertThat(gap.path("missingSequences").get(0).asLong()).isEqualTo(2);
        JsonNode flagged = get("/api/v1/incidents/" + incident).body();
        assertThat(flagged.path("gapReported").asBoolean()).isTrue();
        assertThat(flagged.path("missingEvents").asLong()).isEqualTo(1);
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("ownwatch_timeline_gaps\\{[^}]*\\} [1-9]");

        send(two);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> get("/api/v1/incidents/" + incident).body()
                .path("eventCount").asInt() == 3);
        assertThat(get("/api/v1/incidents/gaps").body().findValuesAsString("incidentId")).doesNotContain(incident);
        assertThat(get("/api/v1/incidents/" + incident).body().path("gapReported").asBoolean()).isFalse();
    }

    @Test
    void answersBadAnalyticsParametersWithProblemsNamingTheField() throws Exception {
        assertProblem(get("/api/v1/analytics/response-times?bucket=month"), "bucket");
        assertProblem(get("/api/v1/analytics/response-times?zone=Mars/Olympus"), "zone");
        assertProblem(get("/api/v1/analytics/pages?zone=" + URLEncoder.encode("+02:00", StandardCharsets.UTF_8)), "zone");
        assertProblem(get("/api/v1/analytics/response-times?severity=LOUD"), "severity");
        assertProblem(get("/api/v1/analytics/response-times?from=yesterday"), "from");
        assertProblem(get("/api/v1/analytics/teams?from=" + T0 + "&to=" + T0), "from");
        assertProblem(get("/api/v1/analytics/open-incidents?limit=0"), "limit");
        assertThat(get("/api/v1/analytics/response-times", null).status()).isEqualTo(401);
        assertThat(get("/v3/api-docs", null).body().path("paths").path("/api/v1/analytics/response-times")
                .path("get").path("description").asString()).contains("MTTA").contains("percentile_cont");
    }

    /** A fixed incident for the postmortem and the replay: 1999-06-01, far from the analytics fixture. */
    private String postmortemIncident() throws Exception {
        String incident = "pm-" + run;
        String team = "pm-team-" + run;
        long base = Duration.between(T0, Instant.parse("1999-06-01T10:00:00Z")).toSeconds();
        Actor ann = Actor.newBuilder().setKind(ActorKind.PERSON).setId("ann").build();
        Actor bob = Actor.newBuilder().setKind(ActorKind.PERSON).setId("bob").build();
        Actor executor = Actor.newBuilder().setKind(ActorKind.AUTOMATION).setId("remediation-executor").build();
        List<TimelineEvent> events = List.of(
                TimelineEvent.newBuilder(ev(incident, 1, TimelineEventType.INCIDENT_OPENED, base, ActorKind.SYSTEM, null, "checkout", Severity.CRITICAL))
                        .setSummary("Checkout error rate above 5%").setAttributes(Map.of("source", "ALERTMANAGER", "dedupKey", "abc")).build(),
                TimelineEvent.newBuilder(ev(incident, 2, TimelineEventType.OWNER_RESOLVED, base + 2, ActorKind.SYSTEM, team, "checkout", Severity.CRITICAL))
                        .setSummary("Owned by " + team).build(),
                ev(incident, 3, TimelineEventType.NOTIFIED, base + 3, ActorKind.SYSTEM, team, "checkout", Severity.CRITICAL),
                TimelineEvent.newBuilder(ev(incident, 4, TimelineEventType.REMEDIATION_REQUESTED, base + 10, ActorKind.AUTOMATION, team, "checkout", Severity.CRITICAL))
                        .setActor(executor).setAttributes(Map.of("runbookId", "restart-pods")).build(),
                TimelineEvent.newBuilder(ev(incident, 5, TimelineEventType.REMEDIATION_FAILED, base + 70, ActorKind.AUTOMATION, team, "checkout", Severity.CRITICAL))
                        .setActor(executor).setSummary("Pods did not become ready").build(),
                TimelineEvent.newBuilder(ev(incident, 6, TimelineEventType.ACKNOWLEDGED, base + 120, ActorKind.PERSON, team, "checkout", Severity.CRITICAL))
                        .setActor(ann).build(),
                TimelineEvent.newBuilder(ev(incident, 7, TimelineEventType.NOTE_ADDED, base + 180, ActorKind.PERSON, team, "checkout", Severity.CRITICAL))
                        .setActor(ann).setSummary("Rolled back | v2").build(),
                TimelineEvent.newBuilder(ev(incident, 8, TimelineEventType.RESOLVED, base + 900, ActorKind.PERSON, team, "checkout", Severity.CRITICAL))
                        .setActor(bob).build());
        send(events.toArray(TimelineEvent[]::new));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> get("/api/v1/incidents/" + incident)
                .body().path("eventCount").asInt() == 8);
        return incident;
    }

    @Test
    void exportsAPostmortemDraftAsMarkdown() throws Exception {
        String incident = postmortemIncident();
        Answer answer = get("/api/v1/incidents/" + incident + "/postmortem.md");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/markdown");
        String team = "pm-team-" + run;
        assertThat(answer.text()).isEqualTo("""
                # Postmortem draft: Checkout error rate above 5%%

                | | |
                |---|---|
                | Incident | `%1$s` |
                | Service | checkout |
                | Team | %2$s |
                | Severity | CRITICAL |
                | Status | RESOLVED |

                ## Summary

                Checkout error rate above 5%%

                ## Impact window

                - Start (first alert received): 1999-06-01T10:00:00Z
                - End (resolved): 1999-06-01T10:15:00Z
                - Duration: 00:15:00

                ## Detection, response and resolution

                | Moment | Time (UTC) | After first alert |
                |---|---|---|
                | First alert received | 1999-06-01T10:00:00Z | +00:00:00 |
                | Incident opened | 1999-06-01T10:00:00Z | +00:00:00 |
                | First acknowledged by a person (MTTA) | 1999-06-01T10:02:00Z | +00:02:00 |
                | First acknowledged by automation | never | - |
                | First resolved | 1999-06-01T10:15:00Z | +00:15:00 |

                Escalations: 0. Pages: 1. Reopened: 0.

                ## Timeline

                | Offset | Time (UTC) | # | Event | Actor | Detail |
                |---|---|---|---|---|---|
                | +00:00:00 | 1999-06-01T10:00:00Z | 1 | INCIDENT_OPENED | SYSTEM alert-router | Checkout error rate above 5%%; dedupKey=abc, source=ALERTMANAGER |
                | +00:00:02 | 1999-06-01T10:00:02Z | 2 | OWNER_RESOLVED | SYSTEM alert-router | Owned by %2$s |
                | +00:00:03 | 1999-06-01T10:00:03Z | 3 | NOTIFIED | SYSTEM alert-router |  |
                | +00:00:10 | 1999-06-01T10:00:10Z | 4 | REMEDIATION_REQUESTED | AUTOMATION remediation-executor | runbookId=restart-pods |
                | +00:01:10 | 1999-06-01T10:01:10Z | 5 | REMEDIATION_FAILED | AUTOMATION remediation-executor | Pods did not become ready |
                | +00:02:00 | 1999-06-01T10:02:00Z | 6 | ACKNOWLEDGED | PERSON ann |  |
                | +00:03:00 | 1999-06-01T10:03:00Z | 7 | NOTE_ADDED | PERSON ann | Rolled back \\| v2 |
                | +00:15:00 | 1999-06-01T10:15:00Z | 8 | RESOLVED | PERSON bob |  |

                ## Remediations

                | Offset | Event | Actor | Detail |
                |---|---|---|---|
                | +00:00:10 | REMEDIATION_REQUESTED | AUTOMATION remediation-executor | runbookId=restart-pods |
                | +00:01:10 | REMEDIATION_FAILED | AUTOMATION remediation-executor | Pods did not become ready |

                ## People involved

                - ann: ACKNOWLEDGED, NOTE_ADDED
                - bob: RESOLVED

                ## Causes

                _To be written._

                ## Follow-ups

                _To be written._
                """.formatted(incident, team));
        assertThat(get("/api/v1/incidents/nope-" + run + "/postmortem.md").status()).isEqualTo(404);
    }

    private static List<String> fields(String sse, String field) {
        return sse.lines().filter(line -> line.startsWith(field + ":")).map(line -> line.substring(field.length() + 1)).toList();
    }

    @Test
    void replaysAnIncidentsEventsInOrderAsServerSentEvents() throws Exception {
        String incident = postmortemIncident();
        Answer fast = get("/api/v1/incidents/" + incident + "/replay?speed=1000");
        assertThat(fast.status()).isEqualTo(200);
        assertThat(fast.contentType()).startsWith("text/event-stream");
        assertThat(fields(fast.text(), "event")).containsExactly("timeline", "timeline", "timeline", "timeline", "timeline",
                "timeline", "timeline", "timeline", "end");
        assertThat(fields(fast.text(), "id")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        JsonNode last = JSON.readTree(fields(fast.text(), "data").get(7));
        assertThat(last.path("type").asString()).isEqualTo("RESOLVED");
        assertThat(last.path("offset").asString()).isEqualTo("+00:15:00");
        assertThat(JSON.readTree(fields(fast.text(), "data").get(8)).path("events").asInt()).isEqualTo(8);

        // At real speed the 12-minute wait before the resolution is cut to the configured longest pause.
        Answer realSpeed = get("/api/v1/incidents/" + incident + "/replay?speed=1");
        assertThat(fields(realSpeed.text(), "event")).hasSize(9).endsWith("end");

        assertProblem(get("/api/v1/incidents/" + incident + "/replay?speed=0"), "speed");
        assertThat(get("/api/v1/incidents/nope-" + run + "/replay").status()).isEqualTo(404);
    }

    private Answer post(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = contentType.contains("json") && !response.body().isBlank() ? JSON.readTree(response.body()) : JSON.nullNode();
        return new Answer(response.statusCode(), contentType, body, response.body());
    }

    private List<JsonNode> analyticsOfTheFixture() throws Exception {
        return List.of(
                get("/api/v1/analytics/response-times?team=" + alpha + "&bucket=day&" + range).body(),
                get("/api/v1/analytics/response-times?bucket=week&" + range).body(),
                get("/api/v1/analytics/teams?" + range).body(),
                get("/api/v1/analytics/pages?" + range).body(),
                get("/api/v1/analytics/automation?" + range).body(),
                get("/api/v1/incidents/inc4-" + run).body());
    }

    @Test
    void rebuildsTheStoreFromTheTopicWithIdenticalAnalyticsAndNoSecondMeasurement() throws Exception {
        String alice = TestInfrastructure.tokens().person("alice");
        List<JsonNode> before = analyticsOfTheFixture();
        String metricsBefore = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(post("/api/v1/admin/rebuild", TestInfrastructure.tokens().person("dave")).status()).isEqualTo(403);
        assertThat(post("/api/v1/admin/rebuild", TestInfrastructure.tokens().person("bob")).status()).isEqualTo(403);
        Answer started = post("/api/v1/admin/rebuild", alice);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().path("state").asString()).isEqualTo("RUNNING");
        String startedAt = started.body().path("startedAt").asString();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode status = get("/api/v1/admin/rebuild", alice).body();
            return status.path("startedAt").asString().equals(startedAt) && !status.path("state").asString().equals("RUNNING");
        });
        JsonNode done = get("/api/v1/admin/rebuild", alice).body();
        assertThat(done.path("state").asString()).isEqualTo("DONE");
        assertThat(done.path("recorded").asLong()).isGreaterThanOrEqualTo(fixture.stream().mapToLong(f -> f.events.size()).sum());
        assertThat(done.path("duplicates").asLong()).as("inc1's event delivered twice").isGreaterThanOrEqualTo(1);

        assertThat(analyticsOfTheFixture()).isEqualTo(before);
        String metricsAfter = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String name : List.of("ownwatch_incident_mtta_seconds_count", "ownwatch_incident_mttr_seconds_count")) {
            for (String severity : List.of("CRITICAL", "WARNING")) {
                assertThat(count(metricsAfter, name, alpha, severity)).as(name + " " + severity)
                        .isEqualTo(count(metricsBefore, name, alpha, severity));
            }
        }
    }

    @Test
    void servesTheDashboardWithoutATokenAndItReadsTheAnalyticsApi() throws Exception {
        Answer page = get("/dashboard/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<script src=\"dashboard.js\"></script>").contains("MTTA");
        Answer script = get("/dashboard/dashboard.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.text()).contains("/api/v1/analytics/response-times").contains("/api/v1/analytics/teams")
                .contains("/api/v1/analytics/pages").contains("/api/v1/analytics/automation")
                .contains("/api/v1/analytics/open-incidents").contains("sessionStorage");
        assertThat(get("/dashboard", null).status()).as("redirected to /dashboard/")
                .isEqualTo(302);

        JsonNode open = get("/api/v1/analytics/open-incidents?limit=500").body();
        assertThat(open.findValuesAsString("incidentId")).contains("inc3-" + run).doesNotContain("inc1-" + run);
    }

    @Test
    void refusesToChangeOrRemoveARecordedEvent() {
        String incident = "inc1-" + run;
        assertThatThrownBy(() -> jdbc.sql("UPDATE timeline_event SET summary = 'rewritten' WHERE incident_id = :id")
                .param("id", incident).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM timeline_event WHERE incident_id = :id")
                .param("id", incident).update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT count(*) FROM timeline_event WHERE incident_id = :id").param("id", incident)
                .query(Long.class).single()).isEqualTo(5);
    }
}
