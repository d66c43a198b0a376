package io.ownwatch.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import io.ownwatch.devstack.testkit.Tokens;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the sample ownership bundle ({@code sample-ownership/}: teams, people, schedules, escalation
 * policies, services, and a Backstage catalog entity) the way a team would: zipped and posted to the
 * registry's import as the sample ops-admin, so the samples pass the same checks as any bundle. The
 * import is idempotent: on a restart everything is unchanged and nothing is written.
 *
 * <p>Then one sample runbook ({@code sample-runbooks/checkout-drain-queue.json}) goes through the review flow a
 * real one would: the responder bob, who is in team payments, writes and submits it, and the ops-admin approves it,
 * since nobody may approve their own runbook. A runbook that is already approved is left alone on a restart.
 */
final class SampleData {

    static final String DIRECTORY = "sample-ownership/";
    static final String RUNBOOK = "sample-runbooks/checkout-drain-queue.json";
    static final String RUNBOOK_ID = "checkout-drain-queue";
    /** The sample responder in team payments, who owns checkout: the runbook's author. */
    static final String RUNBOOK_AUTHOR = "bob";
    /** The dev inbox's address as written in the sample files. */
    static final String SAMPLE_INBOX = "http://127.0.0.1:8025";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI registry;
    private final String token;
    private final Tokens tokens;
    private final URI inbox;

    /**
     * @param registry where the ownership registry answers
     * @param tokens logs the sample people in: the ops-admin alice loads and approves, bob writes the runbook
     * @param inbox the dev inbox, where the samples' webhooks and the sample runbook's call point (the sample files
     *              say {@value #SAMPLE_INBOX}; another port is written in as they are loaded)
     */
    SampleData(URI registry, Tokens tokens, URI inbox) {
        this.registry = registry;
        this.tokens = tokens;
        this.inbox = inbox;
        this.token = tokens.person("alice");
    }

    /**
     * Imports the sample bundle, then makes sure the sample runbook is approved. Returns what was created or
     * updated ("Team payments" ..., "Runbook checkout-drain-queue"); empty when everything was loaded before.
     */
    List<String> load() {
        List<String> changed = importBundle();
        SampleRunbook runbook = approveRunbook();
        if (runbook.created()) {
            changed.add("Runbook " + runbook.id());
        }
        System.out.println(runbook.describe());
        return changed;
    }

    private List<String> importBundle() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(registry.resolve("/api/v1/import?dryRun=false"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle(inbox))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The registry refused the sample bundle: " + response.statusCode() + " "
                    + response.body());
        }
        List<String> changed = new ArrayList<>();
        for (JsonNode change : json(response.body()).path("changes")) {
            if (!"unchanged".equals(change.path("action").asText())) {
                changed.add(change.path("kind").asText() + " " + change.path("id").asText());
            }
        }
        return changed;
    }

    /** The sample runbook's version that counts (the approved one, or a retired last one), and whether this start created it. */
    record SampleRunbook(String id, int version, String status, String contentHash, boolean created) {

        /** The start-up line naming it. */
        String describe() {
            String line = "Sample runbook " + id + " version " + version + " is " + status + " (content hash "
                    + contentHash.substring(0, 12) + ")";
            return "APPROVED".equals(status) ? line : line + "; someone retired it, so it is left as it is";
        }
    }

    /**
     * Creates, submits and approves the sample runbook, picking up where an interrupted earlier start stopped.
     * An approved version means there is nothing to do; so does a retired one, since retiring it was someone's
     * decision that a restart must not undo.
     */
    SampleRunbook approveRunbook() {
        String definition = runbookDefinition(inbox);
        String id = json(definition).path("id").asText();
        HttpResponse<String> existing = call(token, "GET", "/api/v1/runbooks/" + id, null, null);
        JsonNode version;
        String author;
        boolean created = existing.statusCode() == 404;
        if (created) {
            author = authorToken();
            version = expect(call(author, "POST", "/api/v1/runbooks", definition, null), 201, "create the sample runbook");
        } else {
            JsonNode runbook = expect(existing, 200, "read the sample runbook");
            JsonNode versions = runbook.path("versions");
            for (JsonNode v : versions) {
                if (v.path("version").asInt() == runbook.path("approvedVersion").asInt(-1)) {
                    return new SampleRunbook(id, v.path("version").asInt(), "APPROVED", v.path("contentHash").asText(), false);
                }
            }
            version = versions.get(versions.size() - 1);
            if ("RETIRED".equals(version.path("status").asText())) {
                return new SampleRunbook(id, version.path("version").asInt(), "RETIRED", version.path("contentHash").asText(),
                        false);
            }
            author = "DRAFT".equals(version.path("status").asText()) ? authorToken() : null;
        }
        String path = "/api/v1/runbooks/" + id + "/versions/" + version.path("version").asInt();
        if ("DRAFT".equals(version.path("status").asText())) {
            version = expect(call(author, "POST", path + "/submit", null, etag(version)), 200, "submit the sample runbook");
        }
        if ("IN_REVIEW".equals(version.path("status").asText())) {
            version = expect(call(token, "POST", path + "/approve", null, etag(version)), 200, "approve the sample runbook");
        }
        return new SampleRunbook(id, version.path("version").asInt(), version.path("status").asText(),
                version.path("contentHash").asText(), created);
    }

    /** The sample runbook's definition, its call pointed at the given dev inbox. */
    static String runbookDefinition(URI inbox) {
        try (InputStream in = new ClassPathResource(RUNBOOK).getInputStream()) {
            URI base = URI.create(SAMPLE_INBOX);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"port\": \"" + base.getPort() + "\"", "\"port\": \"" + inbox.getPort() + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The author logs in as themselves: the registry takes the author from the token. */
    private String authorToken() {
        return tokens.person(RUNBOOK_AUTHOR);
    }

    /** A version's ETag as the registry sends it: {@code "<version>.<revision>"}. */
    private static String etag(JsonNode version) {
        return "\"" + version.path("version").asInt() + "." + version.path("revision").asLong() + "\"";
    }

    private HttpResponse<String> call(String bearer, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    private static JsonNode expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Could not " + what + ": " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample directory as a zip, paths relative to it, read from the classpath (a directory or the launcher's jar),
     * with the dev inbox's address written in.
     */
    static byte[] bundle(URI inbox) {
        String inboxUrl = inbox.toString().replaceAll("/+$", "");
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + DIRECTORY + "**/*.y*ml");
            Arrays.sort(resources, Comparator.comparing(SampleData::relativePath));
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                for (Resource resource : resources) {
                    out.putNextEntry(new ZipEntry(relativePath(resource)));
                    try (InputStream in = resource.getInputStream()) {
                        out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SAMPLE_INBOX, inboxUrl)
                                .getBytes(StandardCharsets.UTF_8));
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
