package io.ownwatch.executor.action.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.ownwatch.executor.action.Action;
import io.ownwatch.executor.action.ActionFailed;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.BoundStep;
import io.ownwatch.executor.action.BoundStep.Encoding;
import io.ownwatch.executor.action.PreparedAction;
import io.ownwatch.executor.action.StepRefused;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * HTTP_REQUEST: {@code method}, {@code url} (or {@code scheme}, {@code host}, {@code port}, {@code path},
 * {@code query}), {@code headers.<Name>}, {@code body}, {@code expectStatus} ({@code 2xx} unless set; a list such
 * as {@code 200,204} or a class such as {@code 2xx}).
 *
 * <p>The host passes the {@link AddressGuard} and the request goes to the address it checked: Apache HttpClient is
 * given a resolver that only knows that address, and no proxy. Redirects are never followed: a 3xx is a failed
 * step. The outcome keeps the status and at most {@code ownwatch.executor.http.excerpt-bytes} of the body. GET,
 * HEAD, PUT, DELETE and OPTIONS are idempotent and may be retried; POST and PATCH never are. Each request carries
 * an {@code Idempotency-Key} (the run and step) so a target can recognise a retry.
 */
@Component
public class HttpRequestAction implements Action {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    /** Headers the transport owns: a step that set them could address another virtual host or smuggle a request. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "expect");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern EXPECT = Pattern.compile("([1-5][0-9][0-9]|[1-5]xx)(\\s*,\\s*([1-5][0-9][0-9]|[1-5]xx))*");

    private final AddressGuard guard;
    private final int excerptBytes;

    @Autowired
    HttpRequestAction(ActionProperties properties) {
        this(AddressGuard.system(), properties.http().excerptBytes());
    }

    public HttpRequestAction(AddressGuard guard, int excerptBytes) {
        this.guard = guard;
        this.excerptBytes = excerptBytes;
    }

    @Override
    public Set<ActionType> types() {
        return Set.of(ActionType.HTTP_REQUEST);
    }

    @Override
    public PreparedAction prepare(BoundStep step) {
        String method = step.required("method", Encoding.PLAIN).strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new StepRefused(step.fieldOf("method"), "must be one of " + METHODS);
        }
        String urlField = step.has("url") ? "settings.url" : "settings.host";
        URI uri = uri(step, false, urlField);
        String shown = uri(step, true, urlField).toString();
        AddressGuard.Checked checked = guard.check(uri.getHost(), step.context().hostAllowlist(), urlField);

        Map<String, String> headers = new LinkedHashMap<>();
        step.keysUnder("headers.").forEach((name, key) -> {
            if (!TOKEN.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    || name.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
                throw new StepRefused("settings." + key, "is not a header a step may set");
            }
            String value = step.required(key, Encoding.PLAIN);
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new StepRefused(step.fieldOf(key), "contains a control character");
            }
            headers.put(name, value);
        });
        if (headers.keySet().stream().noneMatch("Idempotency-Key"::equalsIgnoreCase)) {
            headers.put("Idempotency-Key", (step.context().runId() + ":" + step.name()).replaceAll("[^\\x20-\\x7e]", "_"));
        }
        String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String body = step.has("body") ? step.required("body", bodyEncoding(step, contentType)) : null;
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw new StepRefused("settings.body", "a " + method + " request has no body");
        }
        List<Range> expected = expected(step);

        String description = method + " " + shown;
        Request request = new Request(method, uri, checked.address(), headers, body, contentType, expected, description);
        return new PreparedAction(description, 1, "http:" + checked.host().toLowerCase(Locale.ROOT),
                IDEMPOTENT.contains(method), timeLeft -> send(request, timeLeft, step));
    }

    private static Encoding bodyEncoding(BoundStep step, String contentType) {
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.contains("json")) {
                return Encoding.JSON_STRING;
            }
            if (type.contains("x-www-form-urlencoded")) {
                return Encoding.URL_COMPONENT;
            }
            return Encoding.PLAIN;
        }
        String template = step.display("body", Encoding.PLAIN).strip();
        return template.startsWith("{") || template.startsWith("[") ? Encoding.JSON_STRING : Encoding.PLAIN;
    }

    private static URI uri(BoundStep step, boolean shown, String field) {
        String text;
        if (step.has("url")) {
            text = value(step, "url", shown);
        }
        else {
            String scheme = step.has("scheme") ? value(step, "scheme", shown) : "https";
            String port = step.has("port") ? ":" + value(step, "port", shown) : "";
            String path = step.has("path") ? value(step, "path", shown) : "/";
            String query = step.has("query") ? "?" + value(step, "query", shown) : "";
            text = scheme + "://" + value(step, "host", shown) + port + (path.startsWith("/") ? "" : "/") + path + query;
        }
        URI uri;
        try {
            uri = new URI(text);
        }
        catch (URISyntaxException ex) {
            throw new StepRefused(field, "is not a valid URL");
        }
        if (shown) {
            return uri;
        }
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new StepRefused(field, "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new StepRefused(field, "must not carry user information");
        }
        if (uri.getRawFragment() != null) {
            throw new StepRefused(field, "must not carry a fragment");
        }
        if (uri.getHost() == null) {
            throw new StepRefused(field, "has no valid host");
        }
        for (String segment : uri.getRawPath().split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new StepRefused(field, "has a dot segment in its path");
            }
        }
        return uri;
    }

    private static String value(BoundStep step, String key, boolean shown) {
        return shown ? step.display(key, Encoding.URL_COMPONENT) : step.required(key, Encoding.URL_COMPONENT);
    }

    private static List<Range> expected(BoundStep step) {
        if (!step.has("expectStatus")) {
            return List.of(new Range(200, 299));
        }
        String value = step.required("expectStatus", Encoding.PLAIN).strip().toLowerCase(Locale.ROOT);
        if (!EXPECT.matcher(value).matches()) {
            throw new StepRefused(step.fieldOf("expectStatus"), "must list statuses such as 200,204 or classes such as 2xx");
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).map(part -> part.endsWith("xx")
                ? new Range((part.charAt(0) - '0') * 100, (part.charAt(0) - '0') * 100 + 99)
                : new Range(Integer.parseInt(part), Integer.parseInt(part))).toList();
    }

    private String send(Request request, Duration timeLeft, BoundStep step) {
        // The socket waits a little longer than the step may: the runner's time limit ends the step first, as TIMED_OUT.
        Timeout timeout = Timeout.of(timeLeft.plusSeconds(1));
        InetAddress pinned = request.address();
        DnsResolver onlyTheCheckedAddress = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {pinned};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(onlyTheCheckedAddress)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build()) {
            HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
            request.headers().forEach(message::addHeader);
            if (request.body() != null) {
                ContentType type = request.contentType() != null ? ContentType.parseLenient(request.contentType())
                        : request.body().strip().startsWith("{") || request.body().strip().startsWith("[")
                                ? ContentType.APPLICATION_JSON : ContentType.TEXT_PLAIN;
                // The step's own Content-Type header is sent as written; the body is UTF-8 unless it names a charset.
                message.setEntity(new StringEntity(request.body(),
                        type.getCharset() == null ? type.withCharset(StandardCharsets.UTF_8) : type));
            }
            ClassicHttpResponse response = client.executeOpen(null, message, null);
            try {
                return answer(request, response, step);
            }
            finally {
                response.close();
            }
        }
        catch (SocketTimeoutException ex) {
            throw new ActionFailed("no answer from " + request.description() + " in time", true);
        }
        catch (IOException ex) {
            throw new ActionFailed(request.description() + " failed: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()), true);
        }
    }

    private String answer(Request request, ClassicHttpResponse response, BoundStep step) throws IOException {
        int status = response.getCode();
        String excerpt = step.secrets().mask(excerpt(response));
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            throw new ActionFailed("redirect refused: HTTP " + status + " from " + request.description()
                    + (location == null ? "" : " to " + step.secrets().mask(printable(location.getValue()))), false);
        }
        String detail = "HTTP " + status + " from " + request.description() + (excerpt.isEmpty() ? "" : ": " + excerpt);
        if (request.expected().stream().anyMatch(range -> range.includes(status))) {
            return detail;
        }
        throw new ActionFailed(detail, status >= 500 || status == 429 || status == 408);
    }

    private String excerpt(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null || excerptBytes == 0) {
            return "";
        }
        try (InputStream body = response.getEntity().getContent()) {
            byte[] read = body.readNBytes(excerptBytes);
            boolean more = body.read() >= 0;
            return printable(new String(read, StandardCharsets.UTF_8)) + (more ? " [...]" : "");
        }
    }

    /** Control characters (a line break in an excerpt would forge a log line) become spaces. */
    private static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString().strip();
    }

    private record Range(int from, int to) {

        boolean includes(int status) {
            return status >= from && status <= to;
        }
    }

    private record Request(String method, URI uri, InetAddress address, Map<String, String> headers, String body,
            String contentType, List<Range> expected, String description) {
    }
}
