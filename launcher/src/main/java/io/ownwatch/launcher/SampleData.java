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
 * Loads the sample teams, people, memberships and services through the registry's own API, as
 * the sample ops-admin, so the samples pass the same validation and access rules as anything a
 * team declares. Running it again changes nothing.
 */
final class SampleData {

    private static final String RESOURCE = "/sample-ownership.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI registry;
    private final String token;

    /**
     * @param registry where the ownership registry answers
     * @param token an ops-admin's access token
     */
    SampleData(URI registry, String token) {
        this.registry = registry;
        this.token = token;
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
        for (JsonNode person : sample.path("people")) {
            if (post("/api/v1/people", person)) {
                created.add("person " + person.path("id").asText());
            }
        }
        for (JsonNode membership : sample.path("memberships")) {
            put("/api/v1/teams/" + membership.path("teamId").asText() + "/members/" + membership.path("personId").asText());
        }
        for (JsonNode service : sample.path("services")) {
            if (post("/api/v1/services", service)) {
                created.add("service " + service.path("id").asText());
            }
        }
        return created;
    }

    private boolean post(String path, JsonNode body) {
        HttpResponse<String> response = send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return switch (response.statusCode()) {
            case 201 -> true;
            case 409 -> false; // loaded by an earlier run
            default -> throw new IllegalStateException("The registry refused sample " + path + " "
                    + body.path("id").asText() + ": " + response.statusCode() + " " + response.body());
        };
    }

    private void put(String path) {
        HttpResponse<String> response = send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("The registry refused sample " + path + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(registry.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
