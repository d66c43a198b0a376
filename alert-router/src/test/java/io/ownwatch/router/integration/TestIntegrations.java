package io.ownwatch.router.integration;

import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.router.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates integrations through the router's own API, as alice (ops-admin), for tests that need a key. */
public final class TestIntegrations {

    private static final JsonMapper JSON = JsonMapper.shared();

    private TestIntegrations() {
    }

    /** A created integration as the API answered: its id, name and the key (shown only this once). */
    public record Created(String id, String name, String key, JsonNode answer) {
    }

    /** A new integration of this type with a unique name, no team and no signing secret. */
    public static Created create(String baseUrl, Tokens tokens, String type) {
        return create(baseUrl, tokens, type, null, null);
    }

    public static Created create(String baseUrl, Tokens tokens, String type, String teamId, String signingSecret) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", type + "-" + UUID.randomUUID().toString().substring(0, 8));
        request.put("type", type);
        if (teamId != null) {
            request.put("teamId", teamId);
        }
        if (signingSecret != null) {
            request.put("signingSecret", signingSecret);
        }
        HttpResponse<String> response = send(baseUrl, "POST", "/api/v1/integrations", tokens.person("alice"),
                JSON.writeValueAsString(request));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Creating an integration answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        return new Created(answer.get("integration").get("id").stringValue(),
                answer.get("integration").get("name").stringValue(), answer.get("key").stringValue(), answer);
    }

    /** Sends a JSON request with a person's token (or none), for the admin API. */
    public static HttpResponse<String> send(String baseUrl, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return TestHttp.send(request.build());
    }
}
