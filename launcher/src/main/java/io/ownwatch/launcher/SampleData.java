package io.ownwatch.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the sample teams and services through the registry's own API, so the samples pass the
 * same validation as anything a team declares. Running it again changes nothing.
 */
final class SampleData {

    private static final String RESOURCE = "/sample-ownership.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI registry;

    SampleData(URI registry) {
        this.registry = registry;
    }

    /** Returns the ids of what it created; what existed already is left as it is. */
    List<String> load() {
        JsonNode sample = read();
        List<String> created = new ArrayList<>();
        for (JsonNode team : sample.path("teams")) {
            if (post("/api/v1/teams", team)) {
                created.add("team " + team.path("id").asText());
            }
        }
        for (JsonNode service : sample.path("services")) {
            if (post("/api/v1/services", service)) {
                created.add("service " + service.path("id").asText());
            }
        }
        return created;
    }

    private boolean post(String path, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(registry.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 201 -> true;
                case 409 -> false; // loaded by an earlier run
                default -> throw new IllegalStateException("The registry refused sample " + path + " "
                        + body.path("id").asText() + ": " + response.statusCode() + " " + response.body());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading sample data", e);
        }
    }

    private static JsonNode read() {
        try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE)) {
            return new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
