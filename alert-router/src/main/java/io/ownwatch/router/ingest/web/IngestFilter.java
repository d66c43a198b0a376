package io.ownwatch.router.ingest.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ingest.AlertIngest;
import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import io.ownwatch.router.ingest.IngestProperties;
import io.ownwatch.router.integration.Integration;
import io.ownwatch.router.integration.IntegrationKey;
import io.ownwatch.router.integration.IntegrationType;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The lean path of the four ingest endpoints: a POST to {@code /api/v1/ingest/<form>[/<key>]} is answered here, in
 * front of every other filter, and never reaches Spring Security's chain, the request observation, the audit filter
 * or Spring MVC. Profiling the webhook ingest showed that stack, not the ingest, taking most of a request's CPU,
 * and a Tomcat thread parked on the broker's acknowledgement for every post in flight.
 *
 * <p>The request thread admits ({@link IngestAdmission}: JSON only, the key, the body limit, the signature), parses
 * and hands the alerts to the producer, then lets go ({@code startAsync}); the answer is written when the broker
 * acknowledged (202) or failed (503), so no thread waits per post. The answers are {@link IngestRefusals}' and the
 * message converters' of Spring MVC, so they read byte for byte as the controllers' ({@link IngestController},
 * {@link PagerDutyEventsController}, which still describe the endpoints in the OpenAPI document and answer other
 * methods). What the framework did around the controllers is done here: the audit ({@link IngestAudit}), one
 * {@code http.server.requests} timer per form and status (no observation), and the security response headers.
 */
final class IngestFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(IngestFilter.class);

    /** Ahead of everything, Spring's request observation ({@code HIGHEST_PRECEDENCE + 1}) included. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    /**
     * The headers Spring Security's ingest chain ({@link IngestSecurity}) wrote on every answer: the lean path
     * answers as that chain did.
     */
    private static final Map<String, String> SECURITY_HEADERS = securityHeaders();

    /** How long past the broker timeout the container waits before it answers for a producer that never called back. */
    private static final long ASYNC_GRACE_MILLIS = 5_000;

    private final IngestAdmission admission;
    private final AlertIngest ingest;
    private final IngestRefusals refusals;
    private final IngestAudit audit;
    private final MeterRegistry meters;
    private final long asyncTimeoutMillis;
    private final Supplier<List<HttpMessageConverter<?>>> converters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    IngestFilter(IngestAdmission admission, AlertIngest ingest, IngestRefusals refusals, IngestAudit audit,
            MeterRegistry meters, IngestProperties properties, Supplier<List<HttpMessageConverter<?>>> converters) {
        this.admission = admission;
        this.ingest = ingest;
        this.refusals = refusals;
        this.audit = audit;
        this.meters = meters;
        this.asyncTimeoutMillis = properties.brokerTimeout().toMillis() + ASYNC_GRACE_MILLIS;
        this.converters = converters;
    }

    /** Where a request goes: the form's endpoint, the path as logged and audited (without a key), the path key. */
    record Target(IntegrationType form, String path, String key) {

        /** The target of a POST to an ingest endpoint, or null for any other path (left to the rest of the server). */
        static Target of(String uri, String contextPath) {
            String prefix = contextPath + PathKeyFilter.INGEST;
            if (!uri.startsWith(prefix)) {
                return null;
            }
            String rest = uri.substring(prefix.length());
            int slash = rest.indexOf('/');
            String slug = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? null : rest.substring(slash + 1);
            if (key != null && (key.indexOf('/') >= 0 || !IntegrationKey.looksLikeKey(key))) {
                return null;
            }
            for (IntegrationType form : IntegrationType.values()) {
                if (form.slug().equals(slug)) {
                    return new Target(form, prefix + slug, key);
                }
            }
            return null;
        }
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        Target target = "POST".equals(request.getMethod()) ? Target.of(request.getRequestURI(), request.getContextPath()) : null;
        if (target == null || request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        new Exchange(request, (HttpServletResponse) servletResponse, target).begin();
    }

    /** One ingest request, from admission to its one answer. */
    private final class Exchange implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final Target target;
        private final long started = System.nanoTime();
        private final AtomicBoolean answered = new AtomicBoolean();
        private Integration integration;
        private AsyncContext async;

        Exchange(HttpServletRequest request, HttpServletResponse response, Target target) {
            this.request = request;
            this.response = response;
            this.target = target;
        }

        void begin() {
            try {
                IngestAdmission.Admitted admitted = admission.admit(request, target.form(), target.key());
                integration = admitted.integration();
                // Asynchronous before anything is handed to the broker, whose callback may come at once.
                async = request.startAsync();
                async.setTimeout(asyncTimeoutMillis);
                async.addListener(this);
                ingest.acceptAsync(integration, admitted.body()).whenComplete((alerts, failure) -> {
                    if (failure == null) {
                        // Never write on the producer's I/O thread: a sender that stops reading would stall every post.
                        async.start(() -> accepted(alerts));
                    } else {
                        // Likewise for a refusal, which also writes an audit row.
                        RuntimeException refusal = failure instanceof CompletionException && failure.getCause() != null
                                ? asRuntime(failure.getCause()) : asRuntime(failure);
                        async.start(() -> refused(refusal));
                    }
                });
            } catch (RuntimeException e) {
                refused(e);
            }
        }

        /** On a container thread: a few hundred bytes into the socket buffer, a counter and a timer. */
        private void accepted(List<Alert> alerts) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            Object body = target.form() == IntegrationType.PAGERDUTY
                    ? new PagerDutyEventsController.Processed("success", "Event processed", alerts.get(0).dedupKey())
                    : new IngestController.Accepted(alerts.size(), alerts.stream().map(Alert::eventId).toList());
            write(202, HttpHeaders.EMPTY, body, MediaType.APPLICATION_JSON);
            audit.accepted(integration, 202);
            finish(202);
        }

        private void refused(RuntimeException e) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            ResponseEntity<Object> answer = refusals.answer(e, target.path(), target.form() == IntegrationType.PAGERDUTY);
            MediaType type = answer.getHeaders().getContentType() != null ? answer.getHeaders().getContentType()
                    : answer.getBody() instanceof ProblemDetail ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
            int status = answer.getStatusCode().value();
            write(status, answer.getHeaders(), answer.getBody(), type);
            audit.refused(integration, target.path(), status, request.getRemoteAddr());
            finish(status);
        }

        @SuppressWarnings("unchecked")
        private void write(int status, HttpHeaders headers, Object body, MediaType type) {
            try {
                response.setStatus(status);
                headers.forEach((name, values) -> {
                    if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                        values.forEach(value -> response.addHeader(name, value));
                    }
                });
                SECURITY_HEADERS.forEach(response::setHeader);
                Buffer buffer = new Buffer();
                for (HttpMessageConverter<?> converter : converters.get()) {
                    if (converter.canWrite(body.getClass(), type)) {
                        ((HttpMessageConverter<Object>) converter).write(body, type, buffer);
                        break;
                    }
                }
                MediaType written = buffer.getHeaders().getContentType();
                response.setContentType((written == null ? type : written).toString());
                response.setContentLength(buffer.bytes.size());
                buffer.bytes.writeTo(response.getOutputStream());
            } catch (IOException e) {
                // The sender is gone; what the status says happened (stored or not) stands all the same.
                log.debug("The answer {} to an ingest request could not be written", status, e);
            }
        }

        private void finish(int status) {
            timer(target.form(), status).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (async != null) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refused(new AlertsNotAcknowledged("The broker did not answer within " + asyncTimeoutMillis + " ms", null));
        }

        @Override
        public void onError(AsyncEvent event) {
            refused(new BodyIncomplete(event.getThrowable()));
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The timer Spring's request observation kept for these requests, same name and tags, without an observation. */
    private Timer timer(IntegrationType form, int status) {
        return timers.computeIfAbsent(form.slug() + status, key -> Timer.builder("http.server.requests")
                .tag("error", "none")
                .tag("exception", "none")
                .tag("method", "POST")
                .tag("outcome", status < 400 ? "SUCCESS" : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR")
                .tag("status", Integer.toString(status))
                .tag("uri", PathKeyFilter.INGEST + form.slug())
                .register(meters));
    }

    /**
     * The headers Spring Security's ingest chain ({@link IngestSecurity}) wrote on every answer, in its order: the
     * lean path answers as that chain did.
     */
    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-XSS-Protection", "0");
        headers.put(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.put(HttpHeaders.PRAGMA, "no-cache");
        headers.put(HttpHeaders.EXPIRES, "0");
        headers.put("X-Frame-Options", "DENY");
        return Collections.unmodifiableMap(headers);
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new AlertsNotAcknowledged("The alerts were not stored", failure);
    }

    /** Registers the lean path in front of every other filter, for the ingest paths only. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<IngestFilter> leanIngestFilter(IngestAdmission admission, AlertIngest ingest,
                IngestRefusals refusals, IngestAudit audit, MeterRegistry meters, IngestProperties properties,
                ObjectProvider<RequestMappingHandlerAdapter> mvc) {
            // Spring MVC's converters, as configured for the controllers; looked up once, on the first answer.
            Supplier<List<HttpMessageConverter<?>>> converters = new Supplier<>() {
                private volatile List<HttpMessageConverter<?>> found;

                @Override
                public List<HttpMessageConverter<?>> get() {
                    List<HttpMessageConverter<?>> result = found;
                    if (result == null) {
                        result = List.copyOf(mvc.getObject().getMessageConverters());
                        found = result;
                    }
                    return result;
                }
            };
            FilterRegistrationBean<IngestFilter> registration = new FilterRegistrationBean<>(
                    new IngestFilter(admission, ingest, refusals, audit, meters, properties, converters));
            registration.addUrlPatterns(PathKeyFilter.INGEST + "*");
            registration.setOrder(ORDER);
            registration.setAsyncSupported(true);
            registration.setEnabled(properties.leanPath());
            return registration;
        }
    }

    /** An answer's body rendered in memory first, so that it goes out with its length in one write. */
    private static final class Buffer implements HttpOutputMessage {

        private final HttpHeaders headers = new HttpHeaders();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        @Override
        public OutputStream getBody() {
            return bytes;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
