package io.ownwatch.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.registry.OwnershipRegistryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real ownership-registry, started in the test JVM on the shared test infrastructure (its own database,
 * {@value #DATABASE}), for router tests that need teams, people, schedules and escalation policies: no fake registry.
 * {@link #shared()} starts one per JVM and leaves it running; {@link #start(int)} starts one on a given port, for
 * tests that stop the registry ({@link #close()}) and bring it back on the same address.
 */
public final class RegistryForTests implements AutoCloseable {

    /** The registry's database on the test PostgreSQL, shared by every registry these tests start. */
    public static final String DATABASE = "registry_for_router";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RegistryForTests shared;

    private final ConfigurableApplicationContext context;
    private final int port;

    private RegistryForTests(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** The registry every test of the JVM may use; started on first use. */
    public static synchronized RegistryForTests shared() {
        if (shared == null) {
            shared = start(freePort());
        }
        return shared;
    }

    /** A registry of its own on this port (same database as the shared one, so it knows the same teams). */
    public static RegistryForTests start(int port) {
        Infrastructure infrastructure = TestInfrastructure.get();
        List<String> arguments = new ArrayList<>();
        infrastructure.springProperties(DATABASE).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=" + port);
        arguments.add("--spring.main.register-shutdown-hook=false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OwnershipRegistryApplication.class)
                .properties("spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
                .run(arguments.toArray(String[]::new));
        return new RegistryForTests(context, port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** An answer of the registry's API. */
    public record Answer(int status, JsonNode body) {
    }

    /** Calls the registry's API as the holder of {@code token} (none when null); {@code body} is JSON or null. */
    public Answer send(String token, String method, String path, String body) {
        return send(token, method, path, body, "application/json");
    }

    /**
     * Declares what the YAML bundle holds, as an ops-admin, through {@code POST /api/v1/import}: the import leaves
     * unchanged objects alone, so test classes sharing the registry's database may declare the same teams and people.
     */
    public JsonNode importBundle(String token, String yaml) {
        Answer answer = send(token, "POST", "/api/v1/import", yaml, "application/yaml");
        if (answer.status() != 200) {
            throw new AssertionError("the import answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private Answer send(String token, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #send}, but fails the test unless the registry answers 2xx. */
    public JsonNode require(String token, String method, String path, String body) {
        Answer answer = send(token, method, path, body);
        if (answer.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    // --- what the tests declare, as alice (ops-admin) ---

    /** Creates what the JSON describes in {@code /api/v1/<collection>}; fails the test unless the registry answers 2xx. */
    public JsonNode create(String collection, String json) {
        return require(TestInfrastructure.tokens().person("alice"), "POST", "/api/v1/" + collection, json);
    }

    /** A person with the default contact, e-mail at {@code <id>@example.com}; returns the id. */
    public String person(String id) {
        create("people", """
                {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(id, id, id));
        return id;
    }

    /** A team without channels or members; returns the id. */
    public String team(String id, String name) {
        create("teams", """
                {"id":"%s","name":"%s"}""".formatted(id, name));
        return id;
    }

    /** An escalation policy of the team, named by its id, with these {@link #level levels}; returns the id. */
    public String policy(String id, String teamId, int repeat, String... levels) {
        create("escalation-policies", """
                {"id":"%s","name":"%s","teamId":"%s","repeat":%d,"levels":[%s]}"""
                .formatted(id, id, teamId, repeat, String.join(",", levels)));
        return id;
    }

    /** A level of a policy: its delay, then pairs of target type and id ({@code "PERSON", "bob"}). */
    public static String level(int delayMinutes, String... typesAndIds) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i + 1 < typesAndIds.length; i += 2) {
            targets.add("{\"type\":\"%s\",\"id\":\"%s\"}".formatted(typesAndIds[i], typesAndIds[i + 1]));
        }
        return "{\"delayMinutes\":%d,\"targets\":[%s]}".formatted(delayMinutes, String.join(",", targets));
    }

    /** A service of the team escalating by the policy, matched by the alert label {@code service=<id>}; returns the id. */
    public String service(String id, String name, String teamId, String policyId) {
        create("services", """
                {"id":"%s","name":"%s","teamId":"%s","escalationPolicyId":"%s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(id, name, teamId, policyId, id));
        return id;
    }

    @Override
    public void close() {
        context.close();
    }
}
