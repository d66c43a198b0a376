package io.ownwatch.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API, using only the JDK's {@link HttpClient}.
 *
 * <p>Ids and schemas are immutable in the registry, so {@code id -> schema} and {@code (subject, schema) -> id}
 * are cached forever; only "latest version of a subject" can change, so it is cached for a bounded time.
 * Several base URLs may be given (comma-separated, like Confluent's client): on a connection failure the
 * next one is tried, and the one that answered is used first from then on.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** Confluent's versioned media type; registries answer it or plain JSON. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default timeout for one request, connect included. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a "latest version" answer is reused. */
    public static final Duration DEFAULT_LATEST_TTL = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final Duration requestTimeout;
    private final Duration latestTtl;
    private final HttpClient http;
    private final AtomicInteger preferred = new AtomicInteger();

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();

    /** A client for one or more comma-separated base URLs, with the default timeouts. */
    public RestSchemaRegistryClient(String urls) {
        this(parseUrls(urls), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_LATEST_TTL);
    }

    public RestSchemaRegistryClient(List<String> urls, Duration connectTimeout, Duration requestTimeout,
            Duration latestTtl) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        this.baseUrls = urls.stream().map(RestSchemaRegistryClient::baseUri).toList();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.latestTtl = Objects.requireNonNull(latestTtl, "latestTtl");
        this.http = HttpClient.newBuilder()
                // Plain HTTP/1.1: an h2c upgrade attempt confuses some registries and proxies.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .build();
    }

    /** Splits Confluent's comma-separated {@code schema.registry.url} value. */
    public static List<String> parseUrls(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is missing");
        }
        return Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(response, "id");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(response, "id");
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(requiredText(response, "schema"), "schema id " + id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        CachedLatest cached = latestBySubject.get(subject);
        long now = System.nanoTime();
        // A negative TTL means "never expires", as Confluent's latest.cache.ttl.sec=-1 does.
        if (cached != null && (latestTtl.isNegative() || now - cached.fetchedAtNanos() < latestTtl.toNanos())) {
            return cached.schema();
        }
        JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = requiredInt(response, "id");
        Schema schema = schemasById.computeIfAbsent(id,
                ignored -> parse(requiredText(response, "schema"), "latest version of " + subject));
        RegisteredSchema latest = new RegisteredSchema(
                response.hasNonNull("subject") ? response.get("subject").asText() : subject,
                requiredInt(response, "version"), id, schema);
        latestBySubject.put(subject, new CachedLatest(latest, now));
        return latest;
    }

    @Override
    public String describe() {
        return baseUrls.size() == 1 ? baseUrls.get(0).toString() : baseUrls.toString();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + baseUrls;
    }

    private JsonNode send(String method, String path, String body) {
        int first = preferred.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
            int index = (first + attempt) % baseUrls.size();
            URI uri = URI.create(baseUrls.get(index) + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Accept", ACCEPT);
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // Connection refused, reset or timed out: another registry node may answer.
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, 0,
                        "interrupted while calling schema registry " + uri, e);
            }
            preferred.set(index);
            return handle(method, uri, response);
        }
        throw new SchemaRegistryException(0, 0, "schema registry unreachable at " + describe() + " (" + method
                + " " + path + "): " + describeFailure(lastFailure), lastFailure);
    }

    private static JsonNode handle(String method, URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json = null;
        try {
            json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            if (status / 100 == 2) {
                throw new SchemaRegistryException(status, status,
                        "schema registry " + uri + " answered " + method + " with a body that is not JSON: "
                                + abbreviate(response.body()), e);
            }
        }
        if (status / 100 == 2) {
            if (json == null) {
                throw new SchemaRegistryException(status, status,
                        "schema registry " + uri + " answered " + method + " with an empty body");
            }
            return json;
        }
        int errorCode = json != null && json.has("error_code") ? json.get("error_code").asInt(status) : status;
        String message = json != null && json.hasNonNull("message") ? json.get("message").asText()
                : abbreviate(response.body());
        throw new SchemaRegistryException(status, errorCode,
                "schema registry " + method + " " + uri + " failed: HTTP " + status + ", error_code " + errorCode
                        + ": " + message);
    }

    private static String schemaBody(Schema schema) {
        // Confluent's client omits schemaType for Avro, which is the default; some registries reject unknown keys.
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(200, 200, "schema registry returned an unparsable Avro schema for "
                    + what + ": " + e.getMessage(), e);
        }
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 200,
                    "schema registry response lacks integer field '" + field + "': " + abbreviate(node.toString()));
        }
        return value.asInt();
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SchemaRegistryException(200, 200,
                    "schema registry response lacks text field '" + field + "': " + abbreviate(node.toString()));
        }
        return value.asText();
    }

    /** Path-segment encoding: URLEncoder is for forms, so a space would become '+' instead of %20. */
    static String encode(String subject) {
        return URLEncoder.encode(Objects.requireNonNull(subject, "subject"), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static URI baseUri(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri = URI.create(trimmed);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute schema registry URL: '" + url + "'");
        }
        return uri;
    }

    private static String describeFailure(IOException failure) {
        if (failure == null) {
            return "no attempt made";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record CachedLatest(RegisteredSchema schema, long fetchedAtNanos) {
    }
}
