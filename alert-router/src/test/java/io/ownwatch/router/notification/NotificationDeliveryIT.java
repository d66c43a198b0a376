package io.ownwatch.router.notification;

import static io.ownwatch.router.TimelineTopic.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.AvroTopics;
import io.ownwatch.router.RouterProperties;
import io.ownwatch.router.TestAlerts;
import io.ownwatch.router.TestHttp;
import io.ownwatch.router.TimelineTopic;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.IncidentResponse;
import io.ownwatch.router.incident.Incidents;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery of queued pages to real endpoints started here: JDK HTTP servers for the webhook and Slack channels,
 * GreenMail for SMTP. Incidents come from alerts sent onto alerts.v1 (the registry is unreachable, so they belong
 * to the catch-all team); pages are queued through {@link Pages} in a transaction, as escalation queues them. What
 * the receivers got, the queue rows, the timeline on incident.timeline.v1 and /actuator/prometheus are asserted.
 * Links point at {@value #PUBLIC_URL}; the tests follow them on this router's port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class NotificationDeliveryIT {

    private static final String ALERTS = "alerts.v1";
    private static final TimelineTopic TIMELINE = TimelineTopic.shared();
    private static final String PUBLIC_URL = "http://ownwatch.example";
    private static final String LINK_SECRET = "delivery-it-link-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        MAIL.start();
    }

    private final List<Receiver> receivers = new ArrayList<>();
    private String run;

    @LocalServerPort
    int port;
    @Autowired
    Pages pages;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Incidents incidents;
    @Autowired
    IncidentResponse response;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NotificationProperties properties;
    @Autowired
    NotificationQueue queue;
    @Autowired
    List<NotificationSender> senders;
    @Autowired
    EndpointGuards guards;
    @Autowired
    IncidentJournal journal;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router_delivery", RouterProperties.unreachableRegistry());
        registry.add("spring.cloud.stream.bindings.routeAlert-in-0.group", () -> "alert-router-delivery-it");
        registry.add("ownwatch.router.grouping.by", () -> "");
        registry.add("ownwatch.router.notification.poll-interval", () -> "100ms");
        registry.add("ownwatch.router.notification.max-attempts", () -> "3");
        registry.add("ownwatch.router.notification.backoff.initial", () -> "200ms");
        registry.add("ownwatch.router.notification.backoff.multiplier", () -> "2");
        registry.add("ownwatch.router.notification.backoff.max", () -> "1s");
        registry.add("ownwatch.router.notification.connect-timeout", () -> "500ms");
        registry.add("ownwatch.router.notification.request-timeout", () -> "1s");
        registry.add("ownwatch.router.notification.lease", () -> "20s");
        registry.add("ownwatch.router.notification.public-url", () -> PUBLIC_URL);
        registry.add("ownwatch.router.notification.links.secret", () -> LINK_SECRET);
        registry.add("ownwatch.router.notification.links.expiry", () -> "1h");
        registry.add("ownwatch.router.notification.mail.from", () -> "ownwatch@example.com");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("resilience4j.circuitbreaker.configs.notification.minimum-number-of-calls", () -> "3");
        registry.add("resilience4j.circuitbreaker.configs.notification.wait-duration-in-open-state", () -> "1h");
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::stop);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    // --- channels ------------------------------------------------------------------------------

    @Test
    void deliversAPageByWebhookWithTheIncidentAndSignedLinksAndNotesItOnTheTimeline() throws Exception {
        UUID incident = openIncident("webhook", Severity.CRITICAL);
        Receiver hook = receiver(attempt -> 200);
        String id = incident + ":1:1:bob:WEBHOOK";

        enqueue(personPage(id, incident, "bob", Channel.WEBHOOK, hook.url("/hooks/ownwatch"), 1));

        Received received = hook.awaitRequests(1).get(0);
        assertThat(received.path()).isEqualTo("/hooks/ownwatch");
        assertThat(received.header("Idempotency-Key")).isEqualTo(id);
        assertThat(received.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(received.body());
        assertThat(body.get("notificationId").stringValue()).isEqualTo(id);
        assertThat(body.get("incidentId").stringValue()).isEqualTo(incident.toString());
        assertThat(body.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(body.get("severity").stringValue()).isEqualTo("CRITICAL");
        assertThat(body.get("service").stringValue()).isEqualTo("svc-" + run);
        assertThat(body.get("team").stringValue()).isEqualTo("operations");
        assertThat(body.get("summary").stringValue()).isEqualTo("webhook on svc-" + run);
        assertThat(body.get("level").asInt()).isEqualTo(1);
        assertThat(body.get("links").get("acknowledge").stringValue())
                .startsWith(PUBLIC_URL + "/api/v1/links/" + incident + "/acknowledge?person=bob&expires=");
        assertThat(body.get("links").get("resolve").stringValue())
                .startsWith(PUBLIC_URL + "/api/v1/links/" + incident + "/resolve?person=bob&expires=");
        assertThat(body.get("links").get("open").stringValue()).isEqualTo(PUBLIC_URL + "/api/v1/incidents/" + incident);

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 3);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN,
                TimelineEventType.NOTIFIED);
        assertThat(timeline.get(2).getActor().getKind()).isEqualTo(ActorKind.SYSTEM);
        assertThat(timeline.get(2).getAttributes()).containsEntry("notificationId", id).containsEntry("channel", "WEBHOOK")
                .containsEntry("personId", "bob").containsEntry("level", "1").containsEntry("attempts", "1");
        assertThat(row(id).get("status")).isEqualTo("SENT");
    }

    @Test
    void postsBlockKitToSlackAndATeamPostCarriesNoOneClickLinks() throws Exception {
        UUID incident = openIncident("slack", Severity.ERROR);
        Receiver slack = receiver(attempt -> 200);
        String personal = incident + ":1:2:erin:SLACK";
        String team = incident + ":team:operations:SLACK";

        enqueue(personPage(personal, incident, "erin", Channel.SLACK, slack.url("/services/T0/B0/personal"), 2));
        enqueue(new Page(team, incident, "operations", null, Channel.SLACK, slack.url("/services/T0/B0/team"),
                Page.Kind.TEAM_POST, 0, Map.of()));

        List<Received> received = slack.awaitRequests(2);
        JsonNode message = JSON.readTree(byKey(received, personal).body());
        assertThat(message.get("text").stringValue()).isEqualTo("[ERROR] svc-" + run + ": slack on svc-" + run);
        List<JsonNode> blocks = list(message.get("blocks"));
        assertThat(blocks).extracting(b -> b.get("type").stringValue())
                .containsExactly("header", "section", "section", "actions", "context");
        assertThat(list(blocks.get(1).get("fields"))).extracting(f -> f.get("text").stringValue()).containsExactly(
                "*Service*\nsvc-" + run, "*Severity*\nERROR", "*Team*\noperations", "*Level*\n2");
        assertThat(blocks.get(2).get("text").get("text").stringValue()).isEqualTo("slack on svc-" + run);
        List<JsonNode> buttons = list(blocks.get(3).get("elements"));
        assertThat(buttons).extracting(b -> b.get("url").stringValue()).satisfiesExactly(
                url -> assertThat(url).startsWith(PUBLIC_URL + "/api/v1/links/" + incident + "/acknowledge?person=erin"),
                url -> assertThat(url).startsWith(PUBLIC_URL + "/api/v1/links/" + incident + "/resolve?person=erin"),
                url -> assertThat(url).isEqualTo(PUBLIC_URL + "/api/v1/incidents/" + incident));
        assertThat(list(blocks.get(4).get("elements")).get(0).get("text").stringValue()).contains(personal);

        JsonNode post = JSON.readTree(byKey(received, team).body());
        JsonNode actions = list(post.get("blocks")).stream().filter(b -> "actions".equals(b.get("type").stringValue()))
                .findFirst().orElseThrow();
        assertThat(list(actions.get("elements"))).extracting(b -> b.get("action_id").stringValue()).containsExactly("open");

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 4);
        assertThat(timeline.subList(2, 4)).extracting(TimelineEvent::getType).containsOnly(TimelineEventType.NOTIFIED);
        assertThat(timeline.subList(2, 4)).extracting(e -> e.getAttributes().get("notificationId"))
                .containsExactlyInAnyOrder(personal, team);
        assertThat(timeline.stream().filter(e -> team.equals(e.getAttributes().get("notificationId"))).findFirst()
                .orElseThrow().getAttributes()).containsEntry("teamId", "operations").doesNotContainKey("personId");
    }

    @Test
    void mailsAnHtmlAndTextMessageWithTheNotificationIdAsMessageId() throws Exception {
        UUID incident = openIncident("mail", Severity.WARNING);
        String id = incident + ":1:1:carol:EMAIL";
        String address = "carol-" + run + "@example.com";

        enqueue(personPage(id, incident, "carol", Channel.EMAIL, address, 1));

        MimeMessage mail = await().atMost(PATIENCE).until(() -> received(address), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("[Ownwatch] [WARNING] svc-" + run + ": mail on svc-" + run);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("ownwatch@example.com");
        assertThat(mail.getMessageID()).isEqualTo("<" + id.replace(":", "%3A") + "@ownwatch>");
        assertThat(mail.getHeader("X-Ownwatch-Notification-Id")[0]).isEqualTo(id);
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains("mail on svc-" + run).contains("Severity: WARNING")
                .contains("Acknowledge: " + PUBLIC_URL + "/api/v1/links/" + incident + "/acknowledge?person=carol&expires=")
                .contains("Resolve: " + PUBLIC_URL + "/api/v1/links/" + incident + "/resolve?person=carol&expires=");
        assertThat(html).contains("<h2>mail on svc-" + run + "</h2>")
                .contains("href=\"" + PUBLIC_URL + "/api/v1/links/" + incident + "/acknowledge?person=carol&amp;expires=")
                .contains(">Open incident</a>");

        assertThat(types(TIMELINE.awaitExactly(incident, 3))).endsWith(TimelineEventType.NOTIFIED);
    }

    @Test
    void aStormSummaryIsSentWithoutATimelineEntry() {
        Receiver hook = receiver(attempt -> 200);
        String id = "storm:operations:" + run;

        enqueue(new Page(id, null, "operations", null, Channel.WEBHOOK, hook.url("/storm"), Page.Kind.STORM_SUMMARY,
                0, Map.of("summary", "7 pages held back", "held", "7")));

        JsonNode body = JSON.readTree(hook.awaitRequests(1).get(0).body());
        assertThat(body.get("kind").stringValue()).isEqualTo("STORM_SUMMARY");
        assertThat(body.get("incidentId").isNull()).isTrue();
        assertThat(body.get("summary").stringValue()).isEqualTo("7 pages held back");
        await().atMost(PATIENCE).until(() -> "SENT".equals(row(id).get("status")));
    }

    // --- one-click links -----------------------------------------------------------------------

    @Test
    void theAcknowledgeLinkShowsAConfirmationOnGetAndAcknowledgesAsThePersonOnPost() throws Exception {
        UUID incident = openIncident("ack", Severity.ERROR);
        Receiver hook = receiver(attempt -> 200);
        enqueue(personPage(incident + ":1:1:bob:WEBHOOK", incident, "bob", Channel.WEBHOOK, hook.url("/h"), 1));
        String link = local(JSON.readTree(hook.awaitRequests(1).get(0).body()).get("links").get("acknowledge").stringValue());

        HttpResponse<String> confirmation = send(HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "text/html").GET().build());
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(confirmation.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(confirmation.body()).contains("Acknowledge incident?").contains("ack on svc-" + run)
                .contains("<form method=\"post\"").contains("Acknowledge as bob");
        assertThat(incidents.findById(incident).orElseThrow().status().name()).as("a GET changes nothing").isEqualTo("OPEN");

        HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Incident acknowledged").contains("Done, as bob");

        var acknowledged = incidents.findById(incident).orElseThrow();
        assertThat(acknowledged.status().name()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("bob");
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 4);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN,
                TimelineEventType.NOTIFIED, TimelineEventType.ACKNOWLEDGED);
        assertThat(timeline.get(3).getActor().getKind()).isEqualTo(ActorKind.PERSON);
        assertThat(timeline.get(3).getActor().getId()).isEqualTo("bob");

        HttpResponse<String> resolve = send(HttpRequest.newBuilder(URI.create(
                        local(JSON.readTree(hook.awaitRequests(1).get(0).body()).get("links").get("resolve").stringValue())))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resolve.body()).get("status").stringValue()).isEqualTo("RESOLVED");
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(link))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/incident-resolved");
    }

    @Test
    void refusesExpiredTamperedAndOtherIncidentsLinksAndChangesNothing() throws Exception {
        UUID incident = openIncident("refuse", Severity.ERROR);
        UUID other = openIncident("other", Severity.ERROR);
        OneClickLinks links = new OneClickLinks(LINK_SECRET, Duration.ofHours(1), URI.create(PUBLIC_URL));
        String valid = local(links.link(incident, LinkAction.ACKNOWLEDGE, "bob", Instant.now()).toString());
        String expired = local(links.link(incident, LinkAction.ACKNOWLEDGE, "bob",
                Instant.now().minus(Duration.ofHours(2))).toString());
        String tampered = valid.replace("person=bob", "person=alice");
        String forOther = valid.replace(incident.toString(), other.toString());
        String forgedSecret = local(new OneClickLinks("some-other-secret-entirely", Duration.ofHours(1),
                URI.create(PUBLIC_URL)).link(incident, LinkAction.RESOLVE, "bob", Instant.now()).toString());
        String unsigned = valid.substring(0, valid.indexOf("&signature="));

        assertRefused(expired, 410, "expires", "Link expired");
        assertRefused(tampered, 403, "signature", "Link refused");
        assertRefused(forOther, 403, "signature", "Link refused");
        assertRefused(forgedSecret, 403, "signature", "Link refused");
        assertRefused(unsigned, 403, "signature", "Link refused");
        assertRefused(valid.replace("/acknowledge?", "/delete?"), 403, "action", "Link refused");

        assertThat(incidents.findById(incident).orElseThrow().status().name()).isEqualTo("OPEN");
        assertThat(incidents.findById(other).orElseThrow().status().name()).isEqualTo("OPEN");
        assertThat(types(TIMELINE.awaitExactly(incident, 2))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_UNKNOWN);
        assertThat(types(TIMELINE.awaitExactly(other, 2))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_UNKNOWN);
    }

    // --- failures ------------------------------------------------------------------------------

    @Test
    void failingEndpointsAreRetriedUntilNotificationFailedTheirCircuitOpensAndAHealthyEndpointStillGetsItsPages() throws Exception {
        UUID incident = openIncident("failing", Severity.CRITICAL);
        Receiver broken = receiver(attempt -> 500);
        Receiver slow = receiver(attempt -> -1);
        Receiver healthy = receiver(attempt -> 200);
        String first = incident + ":1:1:bob:WEBHOOK";
        String second = incident + ":1:1:erin:WEBHOOK";
        String timingOut = incident + ":1:1:carol:WEBHOOK";
        String fine = incident + ":1:1:dave:WEBHOOK";

        enqueue(personPage(first, incident, "bob", Channel.WEBHOOK, broken.url("/a"), 1));
        enqueue(personPage(second, incident, "erin", Channel.WEBHOOK, broken.url("/b"), 1));
        enqueue(personPage(timingOut, incident, "carol", Channel.WEBHOOK, slow.url("/c"), 1));
        enqueue(personPage(fine, incident, "dave", Channel.WEBHOOK, healthy.url("/d"), 1));

        assertThat(healthy.awaitRequests(1)).extracting(r -> r.header("Idempotency-Key")).containsExactly(fine);
        await().atMost(PATIENCE).until(() -> List.of(first, second, timingOut).stream()
                .allMatch(id -> "FAILED".equals(row(id).get("status"))));
        for (String id : List.of(first, second, timingOut)) {
            assertThat(row(id).get("attempts")).as(id).isEqualTo(3);
        }
        assertThat(broken.requests()).as("the open circuit spared the broken endpoint the last attempts")
                .hasSizeBetween(3, 5);
        assertThat(slow.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly(timingOut);
        assertThat(row(fine).get("status")).isEqualTo("SENT");

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 6);
        List<TimelineEvent> failed = timeline.stream()
                .filter(e -> e.getType() == TimelineEventType.NOTIFICATION_FAILED).toList();
        assertThat(failed).extracting(e -> e.getAttributes().get("notificationId"))
                .containsExactlyInAnyOrder(first, second, timingOut);
        assertThat(failed).allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("attempts", "3")
                .containsEntry("channel", "WEBHOOK").containsKey("reason"));
        assertThat(failed).anySatisfy(e -> assertThat(e.getAttributes().get("reason")).contains("circuit open"));
        assertThat(failed).filteredOn(e -> timingOut.equals(e.getAttributes().get("notificationId")))
                .singleElement().satisfies(e -> assertThat(e.getAttributes().get("reason")).contains("no answer"));
        assertThat(timeline).filteredOn(e -> e.getType() == TimelineEventType.NOTIFIED)
                .extracting(e -> e.getAttributes().get("notificationId")).containsExactly(fine);

        List<String> metrics = prometheus();
        assertThat(metrics).anySatisfy(line -> assertThat(line).startsWith("resilience4j_circuitbreaker_state{")
                .contains("name=\"notification-127.0.0.1-" + broken.port() + "\"").contains("state=\"open\"")
                .endsWith(" 1.0"));
        assertThat(metrics).anySatisfy(line -> assertThat(line).startsWith("ownwatch_notifications_total{")
                .contains("channel=\"WEBHOOK\"").contains("outcome=\"failed\""));
        assertThat(metrics).anySatisfy(line -> assertThat(line).startsWith("ownwatch_notifications_total{")
                .contains("channel=\"WEBHOOK\"").contains("outcome=\"retried\""));
        assertThat(metrics).anySatisfy(line -> assertThat(line).startsWith("ownwatch_notifications_total{")
                .contains("channel=\"WEBHOOK\"").contains("outcome=\"sent\""));
    }

    @Test
    void anEndpointAnswering500Then200IsNotifiedExactlyOnce() {
        UUID incident = openIncident("flaky", Severity.ERROR);
        Receiver flaky = receiver(attempt -> attempt == 1 ? 500 : 200);
        String id = incident + ":1:1:bob:WEBHOOK";

        enqueue(personPage(id, incident, "bob", Channel.WEBHOOK, flaky.url("/f"), 1));

        assertThat(flaky.awaitRequests(2)).extracting(r -> r.header("Idempotency-Key")).containsExactly(id, id);
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident, 3);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_UNKNOWN,
                TimelineEventType.NOTIFIED);
        assertThat(timeline.get(2).getAttributes()).containsEntry("attempts", "2");
        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("attempts", 2);
        assertThat(flaky.requests()).as("nothing after it was delivered").hasSize(2);
    }

    // --- the queue -----------------------------------------------------------------------------

    @Test
    void aPageQueuedTwiceAndPagesTakenByCompetingWorkersAreEachDeliveredOnce() throws Exception {
        UUID incident = openIncident("race", Severity.ERROR);
        Receiver hook = receiver(attempt -> 200);
        String twice = incident + ":1:1:bob:WEBHOOK";
        Page page = personPage(twice, incident, "bob", Channel.WEBHOOK, hook.url("/r"), 1);
        List<String> ids = new ArrayList<>(List.of(twice));
        // Queued in one transaction, so every page falls due at once and the workers compete for all of them.
        boolean[] queued = new boolean[2];
        transactions.executeWithoutResult(status -> {
            queued[0] = pages.enqueue(page);
            queued[1] = pages.enqueue(page);
            for (int i = 0; i < 24; i++) {
                String id = incident + ":1:1:p" + i + ":WEBHOOK";
                ids.add(id);
                pages.enqueue(personPage(id, incident, "p" + i, Channel.WEBHOOK, hook.url("/r"), 1));
            }
        });
        assertThat(queued).containsExactly(true, false);

        // Three more workers on the same database, next to the router's own, each claiming in its own threads.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                DeliveryWorker worker = new DeliveryWorker(properties, queue, senders, guards, incidents, journal,
                        transactions, meters, clock);
                workers.add(threads.submit(() -> {
                    int claimed = 0;
                    for (int round = 0; round < 20; round++) {
                        claimed += worker.deliverDue(3, Runnable::run);
                    }
                    return claimed;
                }));
            }
            for (Future<Integer> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> "SENT".equals(row(id).get("status"))));
        Map<String, Long> deliveries = hook.requests().stream()
                .collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"), Collectors.counting()));
        assertThat(deliveries).hasSize(ids.size()).containsOnlyKeys(ids).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        List<TimelineEvent> notified = TIMELINE.awaitExactly(incident, 2 + ids.size()).subList(2, 2 + ids.size());
        assertThat(notified).extracting(TimelineEvent::getType).containsOnly(TimelineEventType.NOTIFIED);
        assertThat(notified).extracting(e -> e.getAttributes().get("notificationId")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aPersonsPageWhoseIncidentWasAcknowledgedBeforeItFellDueIsCancelledButTheTeamPostGoesOut() throws Exception {
        UUID incident = openIncident("cancel", Severity.ERROR);
        Receiver hook = receiver(attempt -> 200);
        String personal = incident + ":1:2:bob:WEBHOOK";
        String team = incident + ":team:operations:WEBHOOK";
        transactions.executeWithoutResult(status -> {
            pages.enqueue(personPage(personal, incident, "bob", Channel.WEBHOOK, hook.url("/p"), 2), Duration.ofSeconds(2));
            pages.enqueue(new Page(team, incident, "operations", null, Channel.WEBHOOK, hook.url("/t"),
                    Page.Kind.TEAM_POST, 2, Map.of()), Duration.ofSeconds(2));
        });

        response.acknowledge(incident, "alice", any -> {
        });

        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(row(personal).get("status"))
                && "SENT".equals(row(team).get("status")));
        assertThat(hook.requests()).extracting(r -> r.header("Idempotency-Key")).containsExactly(team);
        assertThat(types(TIMELINE.awaitExactly(incident, 4))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_UNKNOWN, TimelineEventType.ACKNOWLEDGED, TimelineEventType.NOTIFIED);
    }

    // --- helpers -------------------------------------------------------------------------------

    private void assertRefused(String link, int status, String field, String title) {
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(link))
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(json.statusCode()).as(method + " " + link).isEqualTo(status);
            assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(json.body());
            assertThat(problem.get("errors").get(0).get("field").stringValue()).isEqualTo(field);
            assertThat(problem.get("title").stringValue()).isEqualTo(title);
            assertThat(json.body()).doesNotContain("Exception");

            HttpResponse<String> html = send(HttpRequest.newBuilder(URI.create(link))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(html.statusCode()).isEqualTo(status);
            assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(html.body()).contains(title).contains("Nothing was changed");
        }
    }

    /** Opens an incident the way monitoring does: an alert on alerts.v1. */
    private UUID openIncident(String what, Severity severity) {
        String dedupKey = run + "-" + what;
        AvroTopics.alerts(ALERTS, TestAlerts.firing(dedupKey, severity, what + " on svc-" + run,
                Map.of("service", "svc-" + run, "alertname", what)));
        UUID id = await().atMost(PATIENCE).until(() -> incidents.findByDedupKey(dedupKey).stream().findFirst()
                .map(i -> i.id()).orElse(null), found -> found != null);
        // Both opening entries are written; every later entry in a test comes after them.
        TIMELINE.awaitExactly(id, 2);
        return id;
    }

    private static Page personPage(String id, UUID incident, String person, Channel channel, String address, int level) {
        return new Page(id, incident, "operations", person, channel, address, Page.Kind.PERSON_PAGE, level, Map.of());
    }

    private void enqueue(Page page) {
        transactions.executeWithoutResult(status -> assertThat(pages.enqueue(page)).isTrue());
    }

    private Map<String, Object> row(String notificationId) {
        return jdbc.sql("SELECT status, attempts, last_error FROM notification WHERE notification_id = :id")
                .param("id", notificationId).query().singleRow();
    }

    private String local(String link) {
        assertThat(link).startsWith(PUBLIC_URL);
        return "http://127.0.0.1:" + port + link.substring(PUBLIC_URL.length());
    }

    private List<String> prometheus() {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).GET().build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().toList();
    }

    private static MimeMessage received(String address) throws Exception {
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                return message;
            }
        }
        return null;
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }

    private static Received byKey(List<Received> received, String key) {
        return received.stream().filter(r -> key.equals(r.header("Idempotency-Key"))).findFirst().orElseThrow();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.values().forEach(list::add);
        return list;
    }

    private Receiver receiver(IntUnaryOperator statusByAttempt) {
        Receiver receiver = new Receiver(statusByAttempt);
        receivers.add(receiver);
        return receiver;
    }

    /** One request as an endpoint received it. */
    record Received(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /**
     * A notification endpoint: a JDK HTTP server answering the n-th request with {@code statusByAttempt(n)}, or
     * never within the router's request timeout when that is negative.
     */
    static final class Receiver {

        private final HttpServer server;
        private final List<Received> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool();

        Receiver(IntUnaryOperator statusByAttempt) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(threads);
            server.createContext("/", exchange -> answer(exchange, statusByAttempt));
            server.start();
        }

        private void answer(HttpExchange exchange, IntUnaryOperator statusByAttempt) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            int status = statusByAttempt.applyAsInt(count.incrementAndGet());
            if (status < 0) {
                try {
                    // Longer than the router waits; it has given up by then.
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String path) {
            return "http://127.0.0.1:" + port() + path;
        }

        List<Received> requests() {
            return List.copyOf(requests);
        }

        /** Waits for at least this many requests, then returns all of them. */
        List<Received> awaitRequests(int atLeast) {
            await().atMost(PATIENCE).until(() -> requests.size() >= atLeast);
            return requests();
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
