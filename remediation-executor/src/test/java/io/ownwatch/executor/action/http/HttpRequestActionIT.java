package io.ownwatch.executor.action.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.GuardedStepRunner;
import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.action.Runners;
import io.ownwatch.executor.action.Secrets;
import io.ownwatch.executor.action.StepContext;
import io.ownwatch.executor.action.StepOutcome;
import io.ownwatch.executor.action.StepRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * HTTP steps against real HTTP servers on 127.0.0.1 (allowlisted by that literal): what the target receives, how its
 * answers become outcomes, redirects never followed, slow targets timed out, broken targets left alone by the
 * circuit breaker, and the secret never showing anywhere but on the wire to the target.
 */
class HttpRequestActionIT {

    private static final String SECRET = "s3cr3t-t0ken-4711";
    private static final String SCHEMA = """
            {"type": "object", "properties": {
               "queue": {"type": "string", "pattern": "^[a-z0-9-]+$"},
               "reason": {"type": "string", "maxLength": 100}},
             "required": ["queue"]}""";

    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private GuardedStepRunner runner;

    @BeforeEach
    void runner() {
        runner = Runners.runner(new Secrets(Map.of("checkout", SECRET)), meters,
                new HttpRequestAction(AddressGuard.system(), 2048));
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.ownwatch")).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.ownwatch")).detachAppender(logs);
        release.countDown();
        servers.forEach(server -> server.stop(0));
    }

    /** A server on 127.0.0.1 that records each request and answers with the handler's status and body. */
    private HttpServer server(List<Received> received, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            answer.answer(exchange);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        servers.add(server);
        return server;
    }

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private static Answer status(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static StepContext context(Map<String, String> parameters, Duration timeout) {
        return new StepContext("run-42", "checkout", parameters, SCHEMA, List.of("127.0.0.1"), 1, timeout);
    }

    private static ActionStep step(Map<String, String> settings) {
        return new ActionStep("drain", ActionType.HTTP_REQUEST, settings);
    }

    private double count(String outcome) {
        var timer = meters.find("ownwatch.executor.actions").tag("action", "HTTP_REQUEST").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void sendsTheBoundRequestToTheAllowlistedTarget() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(202, "{\"drained\": 17}"));

        StepOutcome outcome = runner.run(step(Map.of(
                "method", "post",
                "url", base(target) + "/admin/queues/{{queue}}/drain?reason={{reason}}",
                "headers.Authorization", "Bearer {{secret:checkout}}",
                "headers.Content-Type", "application/json",
                "body", "{\"queue\": \"{{queue}}\", \"reason\": \"{{reason}}\"}")),
                context(Map.of("queue", "orders-eu", "reason", "backlog of \"50%\" – ünïcode"), Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(outcome.detail()).startsWith("HTTP 202 from POST " + base(target)
                + "/admin/queues/orders-eu/drain?reason=backlog%20of%20%2250%25%22%20%E2%80%93%20%C3%BCn%C3%AFcode: {\"drained\": 17}");
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/admin/queues/orders-eu/drain");
            assertThat(request.rawQuery()).isEqualTo("reason=backlog%20of%20%2250%25%22%20%E2%80%93%20%C3%BCn%C3%AFcode");
            assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + SECRET);
            assertThat(request.headers().get("Idempotency-key")).containsExactly("run-42:drain");
            assertThat(request.headers().get("Content-type")).containsExactly("application/json");
            assertThat(request.body()).isEqualTo("{\"queue\": \"orders-eu\", \"reason\": \"backlog of \\\"50%\\\" – ünïcode\"}");
        });
        assertThat(count("succeeded")).isEqualTo(1);
    }

    @Test
    void recordsAFailingAnswerWithABoundedExcerptAndNeverRetriesAPost() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(500, "queue locked\n" + "x".repeat(5000)));

        StepOutcome outcome = runner.run(step(Map.of("method", "POST", "url", base(target) + "/drain")),
                context(Map.of("queue", "q"), Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.FAILED);
        assertThat(outcome.detail()).startsWith("HTTP 500 from POST " + base(target) + "/drain: queue locked xxx")
                .endsWith(" [...]").doesNotContain("\n");
        assertThat(outcome.detail().length()).isLessThan(2048 + 200);
        assertThat(received).hasSize(1);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void retriesAnIdempotentRequestOnAServerError() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer target = server(received, exchange ->
                status(calls.incrementAndGet() < 3 ? 503 : 200, "attempt " + calls.get()).answer(exchange));

        StepOutcome outcome = runner.run(step(Map.of("method", "PUT", "url", base(target) + "/mode", "body", "drain")),
                context(Map.of("queue", "q"), Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(outcome.detail()).endsWith(": attempt 3");
        assertThat(received).hasSize(3).allSatisfy(request -> assertThat(request.method()).isEqualTo("PUT"));
    }

    @Test
    void refusesToFollowARedirect() throws IOException {
        List<Received> atRedirectTarget = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = server(atRedirectTarget, status(200, "followed"));
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, exchange -> {
            exchange.getResponseHeaders().add("Location", base(elsewhere) + "/latest/meta-data");
            status(302, "").answer(exchange);
        });

        StepOutcome outcome = runner.run(step(Map.of("method", "GET", "url", base(target) + "/drain")),
                context(Map.of("queue", "q"), Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.FAILED);
        assertThat(outcome.detail()).startsWith("redirect refused: HTTP 302 from GET " + base(target) + "/drain to "
                + base(elsewhere) + "/latest/meta-data");
        assertThat(received).hasSize(1);
        assertThat(atRedirectTarget).isEmpty();
    }

    @Test
    void timesOutASlowTarget() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, exchange -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            status(200, "too late").answer(exchange);
        });

        StepOutcome outcome = runner.run(step(Map.of("method", "GET", "url", base(target) + "/slow")),
                context(Map.of("queue", "q"), Duration.ofSeconds(1)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.TIMED_OUT);
        assertThat(outcome.detail()).contains("no result within PT1S");
        assertThat(count("timed_out")).isEqualTo(1);
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndSendsNothingWhileOpen() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(500, "down"));
        ActionStep post = step(Map.of("method", "POST", "url", base(target) + "/drain"));

        for (int i = 0; i < 4; i++) {
            assertThat(runner.run(post, context(Map.of("queue", "q"), Duration.ofSeconds(10))).detail()).startsWith("HTTP 500");
        }
        StepOutcome whileOpen = runner.run(post, context(Map.of("queue", "q"), Duration.ofSeconds(10)));

        assertThat(whileOpen.status()).isEqualTo(StepOutcome.Status.FAILED);
        assertThat(whileOpen.detail()).isEqualTo("circuit breaker open for http:127.0.0.1: it failed repeatedly, nothing was sent");
        assertThat(received).hasSize(4);
    }

    @Test
    void refusesAnotherSpellingOfTheAllowlistedAddressAndSendsNothing() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(200, "ok"));
        int port = target.getAddress().getPort();

        for (String url : List.of("http://127.1:" + port + "/", "http://2130706433:" + port + "/",
                "http://0x7f000001:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://localhost:" + port + "/")) {
            assertThatThrownBy(() -> runner.run(step(Map.of("method", "GET", "url", url)),
                    context(Map.of("queue", "q"), Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("settings.url"));
        }
        assertThat(received).isEmpty();
        assertThat(count("refused")).isEqualTo(5);
    }

    @Test
    void refusesAParameterSmugglingAPathOrACommand() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(200, "ok"));

        for (String reason : List.of("x; id", "$(id)", "../../admin", "%2e%2e%2fadmin", "a\r\nX-Injected: 1")) {
            assertThatThrownBy(() -> runner.run(step(Map.of("method", "GET",
                    "url", base(target) + "/queues/{{queue}}?reason={{reason}}")),
                    context(Map.of("queue", "q", "reason", reason), Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("parameters.reason"));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void neverShowsASecretInAPlanAnOutcomeARefusalOrALogLine() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, exchange ->
                status(500, "you sent " + exchange.getRequestHeaders().getFirst("X-Token") + " in "
                        + exchange.getRequestURI().getRawQuery()).answer(exchange));
        ActionStep step = step(Map.of("method", "POST", "url", base(target) + "/drain?token={{secret:checkout}}",
                "headers.X-Token", "{{secret:checkout}}"));

        PlannedStep planned = runner.plan(step, context(Map.of("queue", "q"), Duration.ofSeconds(10)));
        StepOutcome outcome = runner.run(step, context(Map.of("queue", "q"), Duration.ofSeconds(10)));
        StepRefused refused = org.junit.jupiter.api.Assertions.assertThrows(StepRefused.class, () -> runner.run(
                step(Map.of("method", "GET", "url", "http://{{secret:checkout}}.example.com/")),
                context(Map.of("queue", "q"), Duration.ofSeconds(10))));

        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.rawQuery()).isEqualTo("token=" + SECRET);
            assertThat(request.headers().get("X-token")).containsExactly(SECRET);
        });
        assertThat(planned.description()).isEqualTo("POST " + base(target) + "/drain?token=****");
        assertThat(outcome.detail()).isEqualTo("HTTP 500 from POST " + base(target) + "/drain?token=****: you sent **** in token=****");
        assertThat(refused.getMessage()).contains("****.example.com").doesNotContain(SECRET);
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(SECRET));
    }

    @Test
    void connectsToTheAddressItCheckedWithoutAskingDnsAgain() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(200, "pinned"));
        AtomicInteger lookups = new AtomicInteger();
        // A name no DNS server knows: the request can only reach the server through the address the guard checked.
        AddressGuard counting = new AddressGuard(name -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        GuardedStepRunner pinned = Runners.runner(new Secrets(Map.of()), meters, new HttpRequestAction(counting, 2048));
        int port = target.getAddress().getPort();

        StepOutcome outcome = pinned.run(step(Map.of("method", "GET", "scheme", "http", "host", "queue.payments.invalid",
                "port", String.valueOf(port), "path", "/admin/drain-queue")),
                new StepContext("run-7", "checkout", Map.of(), null, List.of("queue.payments.invalid"), 1, Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
        assertThat(outcome.detail()).isEqualTo("HTTP 200 from GET http://queue.payments.invalid:" + port + "/admin/drain-queue: pinned");
        assertThat(lookups).hasValue(1);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.rawPath()).isEqualTo("/admin/drain-queue");
            assertThat(request.headers().get("Host")).containsExactly("queue.payments.invalid:" + port);
        });
    }

    @Test
    void refusesHeadersTheTransportOwns() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, status(200, "ok"));

        for (String header : List.of("Host", "Content-Length", "Transfer-Encoding", "Connection", "Proxy-Authorization")) {
            assertThatThrownBy(() -> runner.run(step(Map.of("method", "POST", "url", base(target) + "/",
                    "headers." + header, "x")), context(Map.of("queue", "q"), Duration.ofSeconds(10))))
                    .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("settings.headers." + header));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void turnsAwayAStepWhileTheTargetsBulkheadIsFull() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer target = server(received, exchange -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            status(200, "done").answer(exchange);
        });
        ActionStep post = step(Map.of("method", "POST", "url", base(target) + "/drain"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<StepOutcome>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(pool.submit(() -> runner.run(post, context(Map.of("queue", "q"), Duration.ofSeconds(30)))));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 4);

            StepOutcome turnedAway = runner.run(post, context(Map.of("queue", "q"), Duration.ofSeconds(30)));

            assertThat(turnedAway.status()).isEqualTo(StepOutcome.Status.FAILED);
            assertThat(turnedAway.detail()).isEqualTo("too many actions in flight against http:127.0.0.1, nothing was sent");
            release.countDown();
            for (var outcome : inFlight) {
                assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo(StepOutcome.Status.SUCCEEDED);
            }
            assertThat(received).hasSize(4);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
