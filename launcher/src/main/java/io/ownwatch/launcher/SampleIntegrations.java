package io.ownwatch.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One integration per sample sender (Alertmanager, Grafana, PagerDuty, plain JSON), created through
 * the router's API as the sample ops-admin. The router shows a key only once and keeps its hash, so
 * the keys are kept in the data directory ({@value #FILE}, readable by the owner only) for the next
 * start and for {@code scripts/send-sample-alert}. A sample integration whose key is not in that
 * file (the file was deleted) is revoked and created again.
 */
final class SampleIntegrations {

    static final String FILE = "sample-integration-keys.properties";
    static final List<String> TYPES = List.of("alertmanager", "grafana", "pagerduty", "generic");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI router;
    private final String token;
    private final Path keyFile;

    /**
     * @param router where the alert-router answers
     * @param token an ops-admin's access token
     * @param dataDirectory the launcher's data directory, where the keys are kept
     */
    SampleIntegrations(URI router, String token, Path dataDirectory) {
        this.router = router;
        this.token = token;
        this.keyFile = dataDirectory.resolve(FILE);
    }

    /** The key of each sample integration, by type, in {@link #TYPES} order; creates what is missing. */
    Map<String, String> ensure() {
        Properties kept = read();
        Map<String, String> active = activeSampleIntegrations();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String type : TYPES) {
            String name = "sample-" + type;
            String key = kept.getProperty(type);
            if (key == null || !active.containsKey(name)) {
                if (active.containsKey(name)) {
                    revoke(active.get(name));
                }
                key = create(name, type);
            }
            keys.put(type, key);
        }
        write(keys);
        return keys;
    }

    /** Name -> id of the sample integrations that are not revoked. */
    private Map<String, String> activeSampleIntegrations() {
        JsonNode list = call(HttpRequest.newBuilder(router.resolve("/api/v1/integrations")).GET(), 200);
        Map<String, String> active = new LinkedHashMap<>();
        for (JsonNode integration : list.isArray() ? list : list.path("items")) {
            String name = integration.path("name").asText();
            if (name.startsWith("sample-") && !integration.hasNonNull("revokedAt")) {
                active.put(name, integration.path("id").asText());
            }
        }
        return active;
    }

    private String create(String name, String type) {
        String body = "{\"name\":\"%s\",\"type\":\"%s\"}".formatted(name, type);
        return call(HttpRequest.newBuilder(router.resolve("/api/v1/integrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201).path("key").asText();
    }

    private void revoke(String id) {
        call(HttpRequest.newBuilder(router.resolve("/api/v1/integrations/" + id)).DELETE(), 200);
    }

    private JsonNode call(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("The router answered " + response.statusCode() + " to "
                        + request.build().method() + " " + request.build().uri() + ": " + response.body());
            }
            return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating sample integrations", e);
        }
    }

    private Properties read() {
        Properties keys = new Properties();
        if (Files.exists(keyFile)) {
            try (Reader in = Files.newBufferedReader(keyFile)) {
                keys.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private void write(Map<String, String> keys) {
        Properties file = new Properties();
        file.putAll(keys);
        try {
            if (!Files.exists(keyFile)) {
                Files.createFile(keyFile);
            }
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions have to do.
            }
            try (Writer out = Files.newBufferedWriter(keyFile)) {
                file.store(out, "Keys of the sample integrations (ingest: Authorization: Bearer <key>)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
