package io.ownwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ownwatch.events.AlertEvent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted HTTP server that answers as Confluent's registry does, checking what goes on
 * the wire (paths, media type, body) and how answers and failures come back.
 */
class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ALERT = AlertEvent.getClassSchema();

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private String url;

    record Request(String method, String rawPath, String contentType, String body) {
    }

    record Reply(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), rawPath,
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Reply reply = replies.getOrDefault(exchange.getRequestMethod() + " " + rawPath,
                new Reply(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}"));
        if (reply.status() == 0) {
            try {
                release.await(10, TimeUnit.SECONDS); // a registry that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply = new Reply(200, "{}");
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void registersWithConfluentsMediaTypeAndBodyThenAnswersFromCache() throws IOException {
        replies.put("POST /subjects/alerts.v1-value/versions", new Reply(200, "{\"id\":7}"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

        int first = client.register("alerts.v1-value", ALERT);
        int second = client.register("alerts.v1-value", ALERT);
        Schema byId = client.getById(7);

        assertThat(first).isEqualTo(7);
        assertThat(second).isEqualTo(7);
        assertThat(byId).isEqualTo(ALERT);
        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new Schema.Parser().parse(JSON.readTree(request.body()).get("schema").asText())).isEqualTo(ALERT);
    }

    @Test
    void looksUpAnIdWithoutRegisteringAndCachesIt() {
        replies.put("POST /subjects/alerts.v1-value",
                new Reply(200, "{\"subject\":\"alerts.v1-value\",\"id\":3,\"version\":1,\"schema\":"
                        + quote(ALERT.toString()) + "}"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

        assertThat(client.getId("alerts.v1-value", ALERT)).isEqualTo(3);
        assertThat(client.getId("alerts.v1-value", ALERT)).isEqualTo(3);
        assertThat(requests).hasSize(1);
    }

    @Test
    void fetchesSchemaByIdOnceThenFromCache() {
        replies.put("GET /schemas/ids/5", new Reply(200, "{\"schema\":" + quote(ALERT.toString()) + "}"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

        assertThat(client.getById(5)).isEqualTo(ALERT);
        assertThat(client.getById(5)).isEqualTo(ALERT);
        assertThat(requests).hasSize(1);
    }

    @Test
    void readsTheLatestVersionOfASubject() {
        replies.put("GET /subjects/alerts.v1-value/versions/latest",
                new Reply(200, "{\"subject\":\"alerts.v1-value\",\"id\":9,\"version\":4,\"schema\":"
                        + quote(ALERT.toString()) + "}"));

        RegisteredSchema latest = new RestSchemaRegistryClient(url).getLatest("alerts.v1-value");

        assertThat(latest).isEqualTo(new RegisteredSchema("alerts.v1-value", 4, 9, ALERT));
    }

    @Test
    void encodesSubjectsAsOnePathSegment() {
        replies.put("POST /subjects/odd%20topic%2Fv1-value/versions", new Reply(200, "{\"id\":1}"));

        int id = new RestSchemaRegistryClient(url).register("odd topic/v1-value", ALERT);

        assertThat(id).isEqualTo(1);
        assertThat(requests.get(0).rawPath()).isEqualTo("/subjects/odd%20topic%2Fv1-value/versions");
    }

    @Test
    void turnsConfluentErrorsIntoExceptionsCarryingStatusAndErrorCode() {
        replies.put("GET /schemas/ids/99", new Reply(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
        replies.put("POST /subjects/alerts.v1-value/versions",
                new Reply(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(url);

        assertThatThrownBy(() -> client.getById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining("Schema 99 not found");
        assertThatThrownBy(() -> client.register("alerts.v1-value", ALERT))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("incompatible");
    }

    @Test
    void triesTheNextUrlWhenOneCannotBeReached() throws IOException {
        replies.put("GET /schemas/ids/5", new Reply(200, "{\"schema\":\"\\\"string\\\"\"}"));
        String dead = "http://127.0.0.1:" + freePort();

        Schema schema = new RestSchemaRegistryClient(dead + ", " + url + "/").getById(5);

        assertThat(schema.getType()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void reportsUnreachableWhenNoUrlAnswers() throws IOException {
        String dead = "http://127.0.0.1:" + freePort();

        assertThatThrownBy(() -> new RestSchemaRegistryClient(dead).getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnreachable()).isTrue())
                .hasMessageContaining("schema registry unreachable at " + dead);
    }

    @Test
    void givesUpOnARegistryThatDoesNotAnswerInTime() {
        replies.put("GET /schemas/ids/1", new Reply(0, ""));
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(url), Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnreachable()).isTrue())
                .hasMessageContaining("HttpTimeoutException");
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
