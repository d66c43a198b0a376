package io.ownwatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ownwatch.launcher.Platform.Service;

/** What a user does with curl, for the end-to-end tests: declare ownership, send alerts, read timelines. */
final class PlatformClient {

    record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Platform platform;
    private final String token;

    /** A client acting with the given access token; null for none. */
    PlatformClient(Platform platform, String token) {
        this.platform = platform;
        this.token = token;
    }

    /** The same platform, another caller. */
    PlatformClient as(String otherToken) {
        return new PlatformClient(platform, otherToken);
    }

    Answer put(Service service, String path) {
        return send(HttpRequest.newBuilder(platform.url(service).resolve(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer post(Service service, String path, String json) {
        return send(HttpRequest.newBuilder(platform.url(service).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(Service service, String path) {
        return send(HttpRequest.newBuilder(platform.url(service).resolve(path)).GET());
    }

    String getText(Service service, String path) {
        try {
            return http.send(authorized(HttpRequest.newBuilder(platform.url(service).resolve(path)).GET()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A team owning one service that claims alerts labelled {@code service=<serviceId>}; needs an ops-admin's token. */
    void declareOwnership(String teamId, String serviceId) {
        Answer team = post(Service.OWNERSHIP_REGISTRY, "/api/v1/teams",
                "{\"id\":\"%s\",\"name\":\"Team %s\"}".formatted(teamId, teamId));
        Answer service = post(Service.OWNERSHIP_REGISTRY, "/api/v1/services", """
                {"id":"%s","name":"Service %s","teamId":"%s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}
                """.formatted(serviceId, serviceId, teamId, serviceId));
        if (team.status() != 201 || service.status() != 201) {
            throw new IllegalStateException("Could not declare ownership: " + team + " " + service);
        }
    }

    /** Creates an integration of this type (needs an ops-admin's token) and returns its key, shown only now. */
    String createIntegration(String name, String type) {
        Answer created = post(Service.ALERT_ROUTER, "/api/v1/integrations",
                "{\"name\":\"%s\",\"type\":\"%s\"}".formatted(name, type));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create integration " + name + ": " + created);
        }
        return created.body().path("key").asText();
    }

    /** Sends an alert the way a monitoring system does: to the form's ingest endpoint with the integration's key. */
    Answer ingest(String form, String key, String json) {
        return new PlatformClient(platform, key).post(Service.ALERT_ROUTER, "/api/v1/ingest/" + form, json);
    }

    /** The repository's sample Alertmanager webhook, relabelled for one test's service. */
    static String alertmanagerWebhook(String serviceId, String fingerprint, boolean resolved) {
        String sample = resolved ? "alertmanager-checkout-resolved.json" : "alertmanager-checkout-firing.json";
        return readSample(sample)
                .replace("\"service\": \"checkout\"", "\"service\": \"" + serviceId + "\"")
                .replace("c4f1e2d3a5b60718", fingerprint);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String readSample(String name) {
        // Tests run in launcher/; the samples sit at the repository root, where the README's curl finds them.
        try {
            return Files.readString(Path.of("..", "samples", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
