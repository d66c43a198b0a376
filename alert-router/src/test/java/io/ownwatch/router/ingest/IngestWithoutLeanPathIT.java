package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.router.integration.TestIntegrations;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code ownwatch.router.ingest.lean-path: false} the Spring MVC controllers answer the ingest posts, as they
 * did before the lean path: the same statuses and bodies (IngestFormsIT pins them on the lean path).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=alert-router", "ownwatch.router.ingest.lean-path=false"})
class IngestWithoutLeanPathIT {

    private static final JsonMapper JSON = JsonMapper.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("router").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("ownwatch.router.ownership.registry-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @Test
    void theControllersAcceptAndRefuseAsTheLeanPathDoes() throws Exception {
        TestIntegrations.Created integration = TestIntegrations.create(baseUrl(), TestInfrastructure.tokens(), "alertmanager");
        String body = sample().replace("5f2b2c8c1d9e0a7b", unique()).replace("a1b2c3d4e5f60718", unique());

        HttpResponse<String> accepted = post("/api/v1/ingest/alertmanager/" + integration.key(), body);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(accepted.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("eventIds")).hasSize(2);

        HttpResponse<String> refused = post("/api/v1/ingest/alertmanager/owk_nottherightkey", body);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).isEqualTo("{\"detail\":\"The integration key is unknown or revoked.\","
                + "\"instance\":\"/api/v1/ingest/alertmanager\",\"status\":401,\"title\":\"Unknown integration key\","
                + "\"type\":\"https://ownwatch.io/problems/unknown-integration-key\"}");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String sample() throws IOException {
        try (InputStream in = IngestWithoutLeanPathIT.class.getResourceAsStream("/alertmanager/firing.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
