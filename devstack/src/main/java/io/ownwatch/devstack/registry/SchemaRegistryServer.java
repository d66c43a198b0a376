package io.ownwatch.devstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the Confluent REST API over HTTP on 127.0.0.1, storing schemas in PostgreSQL.
 * This class is the HTTP plumbing only: the protocol lives in {@link RegistryApi}, the storage in {@link SchemaStore}.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String HOST = "127.0.0.1";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final List<String> ACCEPTED_CONTENT_TYPES = List.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryApi api;
    private final ObjectMapper json = new ObjectMapper();

    private SchemaRegistryServer(HttpServer server, ExecutorService executor, DataSource dataSource) {
        this.server = server;
        this.executor = executor;
        SchemaStore store = new SchemaStore(dataSource);
        store.createTables();
        this.api = new RegistryApi(store, json);
    }

    /**
     * Starts the registry, creating its tables in {@code dataSource} if they are missing.
     *
     * @param port the port, 0 for any free port
     */
    public static SchemaRegistryServer start(DataSource dataSource, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(HOST, port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the schema registry to " + HOST + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "schema-registry-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SchemaRegistryServer registry = new SchemaRegistryServer(server, executor, dataSource);
        server.setExecutor(executor);
        server.createContext("/", registry::exchange);
        server.start();
        log.info("Schema registry listening on {}", registry.url());
        return registry;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + HOST + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        RegistryApi.Response response;
        try {
            response = api.handle(request(exchange));
        } catch (RegistryError e) {
            response = error(e);
        } catch (SchemaStore.StoreFailure e) {
            log.warn("Schema registry store failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = error(RegistryError.storeError());
        } catch (RuntimeException e) {
            log.warn("Schema registry failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = new RegistryApi.Response(500, Map.of("error_code", 50000, "message", "Internal server error"));
        }
        byte[] body = json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RegistryApi.Response error(RegistryError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", e.errorCode());
        body.put("message", e.getMessage());
        return new RegistryApi.Response(e.status(), body);
    }

    private static RegistryApi.Request request(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        byte[] body = readBody(exchange);
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        return new RegistryApi.Request(method, path(exchange.getRequestURI().getRawPath()),
                query(exchange.getRequestURI().getRawQuery()), body);
    }

    private static void checkContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_CONTENT_TYPES.contains(mediaType)) {
            throw RegistryError.unsupportedMediaType(mediaType);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw RegistryError.payloadTooLarge(MAX_BODY_BYTES);
            }
            return body;
        }
    }

    private static List<String> path(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
        }
        return query;
    }

    /** Percent-decoding where '+' stays a plus: subject names may contain one. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
