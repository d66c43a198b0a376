package io.ownwatch.router.integration.web;

import io.ownwatch.router.integration.IntegrationKey;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.stereotype.Component;

/**
 * Lets an integration key travel as {@code Authorization: Bearer owk_...} on the ingest paths: the resource
 * server (edge) picks this bean up instead of its default resolver, and a key presented there is not taken
 * for a JWT, which would fail to decode and end in 401 before the ingest endpoint could check the key.
 * Everywhere else an {@code owk_} token is handed on, and refused, like any other bad token.
 */
@Component
class IntegrationKeyBearerTokenResolver implements BearerTokenResolver {

    /** The ingest endpoints, which authenticate by integration key instead of by JWT. */
    static final String INGEST_PATHS = "/api/v1/ingest/";

    private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (onIngestPath(request) && IntegrationKey.looksLikeKey(bearer(request))) {
            return null;
        }
        return delegate.resolve(request);
    }

    private static boolean onIngestPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(INGEST_PATHS);
    }

    private static String bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
