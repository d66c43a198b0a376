package io.ownwatch.edge.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.edge.security.ResourceServerAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.UriUtils;

/**
 * Records every mutating request once it has been answered, whatever the answer: allowed, refused with 401/403,
 * or failed. Runs outside Spring Security so that refusals by the security filters are recorded too. Only the
 * subject, roles, method, path, status and address are kept: never a header, a body or a token.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditTrail trail;
    private final Clock clock;
    /** The counter of requests that are counted rather than recorded (Prometheus: ownwatch_audit_counted_total). */
    static final String COUNTED = "ownwatch.audit.counted";

    private final List<PathPattern> queryPaths;
    private final List<PathPattern> countedPaths;
    private final ObjectProvider<MeterRegistry> meters;
    /**
     * The counters met so far by actor, method and outcome: registering a counter looks it up, checks for double
     * registration and allocates its id, which on a webhook ingest was a noticeable share of a request's CPU.
     * Bounded like the meter registry itself: by the number of machine callers.
     */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param queryPaths POST endpoints that only read: recorded only when refused or failed
     * @param countedPaths machine-to-machine endpoints: counted per actor when accepted, recorded otherwise
     */
    AuditFilter(AuditTrail trail, Clock clock, List<String> queryPaths, List<String> countedPaths,
            ObjectProvider<MeterRegistry> meters) {
        this.trail = trail;
        this.clock = clock;
        this.queryPaths = queryPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.countedPaths = countedPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MUTATING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // An exception escaping the chain becomes a 500 further out; record it as that.
            int status = failed ? 500 : response.getStatus();
            if (status < 400 && matches(countedPaths, request) && caller(request) != null) {
                count(request, status);
            } else if (status >= 400 || !matches(queryPaths, request)) {
                record(request, status);
            }
        }
    }

    private static Authentication caller(HttpServletRequest request) {
        return request.getAttribute(ResourceServerAutoConfiguration.CALLER_ATTRIBUTE) instanceof Authentication a ? a : null;
    }

    /** An accepted request of an identified machine caller: one increment, no row, no log line. */
    private void count(HttpServletRequest request, int status) {
        String actor = caller(request).getName();
        String method = request.getMethod();
        Counter counter = counters.get(actor + ' ' + method + ' ' + status);
        if (counter == null) {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry == null) {
                return;
            }
            counter = counters.computeIfAbsent(actor + ' ' + method + ' ' + status, key -> Counter.builder(COUNTED)
                    .description("Accepted requests of machine callers on counted paths, counted instead of audit rows")
                    .tag("actor", AuditEvent.clean(actor))
                    .tag("method", method)
                    .tag("outcome", Integer.toString(status))
                    .register(registry));
        }
        counter.increment();
    }

    private void record(HttpServletRequest request, int status) {
        Authentication caller = caller(request);
        String path = AuditEvent.clean(decodedPath(request));
        AuditEvent event = new AuditEvent(0, clock.instant(),
                AuditEvent.clean(caller == null ? AuditEvent.ANONYMOUS : caller.getName()),
                AuditEvent.clean(caller == null ? "" : roles(caller)),
                AuditEvent.clean(request.getMethod()), path, path, status,
                AuditEvent.clean(request.getRemoteAddr()));
        trail.record(event);
    }

    private static boolean matches(List<PathPattern> patterns, HttpServletRequest request) {
        if (patterns.isEmpty()) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return patterns.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** The path as a person reads it: percent-decoded, which is also where an encoded CR/LF would turn real. */
    private static String decodedPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        try {
            return UriUtils.decode(uri, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static String roles(Authentication caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring(5).toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .sorted()
                .collect(Collectors.joining(","));
    }
}
