package io.ownwatch.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the sample ownership bundle ({@code sample-ownership/}: teams, people, schedules, escalation
 * policies, services, and a Backstage catalog entity) the way a team would: zipped and posted to the
 * registry's import as the sample ops-admin, so the samples pass the same checks as any bundle. The
 * import is idempotent: on a restart everything is unchanged and nothing is written.
 */
final class SampleData {

    static final String DIRECTORY = "sample-ownership/";

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

    /** Returns what the import created or updated ("Team payments" ...); empty when everything was loaded before. */
    List<String> load() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(registry.resolve("/api/v1/import?dryRun=false"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The registry refused the sample bundle: " + response.statusCode() + " "
                    + response.body());
        }
        List<String> changed = new ArrayList<>();
        try {
            for (JsonNode change : new ObjectMapper().readTree(response.body()).path("changes")) {
                if (!"unchanged".equals(change.path("action").asText())) {
                    changed.add(change.path("kind").asText() + " " + change.path("id").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed;
    }

    /** The sample directory as a zip, paths relative to it, read from the classpath (a directory or the launcher's jar). */
    static byte[] bundle() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + DIRECTORY + "**/*.y*ml");
            Arrays.sort(resources, Comparator.comparing(SampleData::relativePath));
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                for (Resource resource : resources) {
                    out.putNextEntry(new ZipEntry(relativePath(resource)));
                    try (InputStream in = resource.getInputStream()) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            if (resources.length == 0) {
                throw new IllegalStateException("No sample ownership files under classpath:" + DIRECTORY);
            }
            return zip.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relativePath(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf(DIRECTORY) + DIRECTORY.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
