package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A router's HTTP API as the test's people call it: each request carries the named person's token (none when the
 * person is null) and accepts JSON or problem details. Incidents are read as dave, a viewer: the least a person needs.
 */
final class RouterApi {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final String baseUrl;
    private final Duration patience;

    private RouterApi(String baseUrl, Duration patience) {
        this.baseUrl = baseUrl;
        this.patience = patience;
    }

    /** The API at that address, awaited 30 s unless told. */
    static RouterApi at(String baseUrl) {
        return new RouterApi(baseUrl, Duration.ofSeconds(30));
    }

    /** The API of a router started by Spring on that local port. */
    static RouterApi onPort(int port) {
        return at("http://127.0.0.1:" + port);
    }

    /** The same API, awaited that long. */
    RouterApi patience(Duration atMost) {
        return new RouterApi(baseUrl, atMost);
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpRequest.Builder request(String path, String person) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json, application/problem+json");
        if (person != null) {
            request.header("Authorization", "Bearer " + TestInfrastructure.tokens().person(person));
        }
        return request;
    }

    /** Calls the API as the person; {@code json} is the body, none when null or empty. */
    HttpResponse<String> exchange(String method, String path, String person, String json) {
        boolean body = json != null && !json.isEmpty();
        HttpRequest.Builder request = request(path, person)
                .method(method, body ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
        if (!"GET".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        return TestHttp.send(request.build());
    }

    /** The JSON a GET answers; fails the test unless it is 200. */
    JsonNode get(String path, String person) {
        HttpResponse<String> response = exchange("GET", path, person, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> post(String path, String person, String json) {
        return exchange("POST", path, person, json);
    }

    HttpResponse<String> put(String path, String person, String json) {
        return exchange("PUT", path, person, json);
    }

    /** The incident as its API shows it. */
    JsonNode incident(Object id) {
        return get("/api/v1/incidents/" + id, "dave");
    }

    /** The incidents that held the dedup key, newest first. */
    List<JsonNode> incidents(String dedupKey) {
        List<JsonNode> incidents = new ArrayList<>();
        get("/api/v1/incidents?dedupKey=" + dedupKey, "dave").values().forEach(incidents::add);
        return incidents;
    }

    /** The newest incident that held the dedup key, once there is one and it meets the condition. */
    JsonNode awaitIncident(String dedupKey, Predicate<JsonNode> condition) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<JsonNode> incidents = incidents(dedupKey);
            found.clear();
            found.addAll(incidents);
            return !incidents.isEmpty() && condition.test(incidents.get(0));
        });
        return found.get(0);
    }

    /** The id of the newest incident that held the dedup key, once there is one. */
    String awaitIncidentId(String dedupKey) {
        return awaitIncident(dedupKey, incident -> true).get("id").stringValue();
    }

    /** Fails unless the answer is RFC 9457 problem details of that status and type; returns them. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/" + type);
        return problem;
    }

    /** Fails unless the answer is a 400 problem naming the field among its errors, with no exception in it. */
    static JsonNode assertInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors").findValuesAsString("field")).as(response.body()).contains(field);
        return problem;
    }
}
