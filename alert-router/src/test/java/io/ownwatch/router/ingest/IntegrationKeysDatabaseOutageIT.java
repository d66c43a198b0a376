package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.router.RouterOnItsOwnStack;
import io.ownwatch.router.TestHttp;
import io.ownwatch.router.integration.TestIntegrations;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * While PostgreSQL is down a key cannot be checked: the answer is 503 with Retry-After (the sender retries),
 * never 401 (the sender would drop the alert for a key that is perfectly good). A key checked a moment before
 * still works from the cache. The router gets a stack of its own, because stopping the shared database would
 * disturb every other test in the JVM.
 */
class IntegrationKeysDatabaseOutageIT {

    @TempDir
    static Path dataDirectory;

    // Long enough that the cached key cannot expire mid-test; short waits for a connection so the 503 is prompt.
    @RegisterExtension
    static final RouterOnItsOwnStack.PerClass OWN = RouterOnItsOwnStack.perClass(() -> dataDirectory,
            "--ownwatch.router.integrations.key-cache-ttl=10m", "--spring.datasource.hikari.connection-timeout=2000");

    @Test
    void aKeyThatCannotBeCheckedIs503NotAnd401AndACachedKeyStillWorks() throws Exception {
        DevStack stack = OWN.stack();
        String baseUrl = OWN.baseUrl();
        Tokens tokens = new Tokens(stack);
        TestIntegrations.Created unchecked = TestIntegrations.create(baseUrl, tokens, "generic");
        TestIntegrations.Created checked = TestIntegrations.create(baseUrl, tokens, "generic");
        assertThat(post(baseUrl, checked.key()).statusCode()).isEqualTo(202);

        stack.stopPostgres();
        HttpResponse<String> refused;
        HttpResponse<String> cached;
        try {
            refused = post(baseUrl, unchecked.key());
            cached = post(baseUrl, checked.key());
        } finally {
            stack.startPostgres();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(refused.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/integration-keys-unavailable");
        assertThat(refused.body()).doesNotContain("Exception");
        assertThat(cached.statusCode()).as("a key found a moment ago is trusted from the cache").isEqualTo(202);

        // The sender's retry, once the database is back, is accepted.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(baseUrl, unchecked.key()).statusCode() == 202);
    }

    private HttpResponse<String> post(String baseUrl, String key) {
        String body = "{\"summary\":\"database outage\",\"severity\":\"error\",\"dedupKey\":\"" + UUID.randomUUID() + "\"}";
        return TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ingest/generic"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
