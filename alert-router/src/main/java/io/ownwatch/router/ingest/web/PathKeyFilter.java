package io.ownwatch.router.ingest.web;

import io.ownwatch.router.integration.IntegrationKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes an integration key out of the path ({@code /api/v1/ingest/generic/owk_...}) before anything else sees
 * the request: the key goes into a request attribute for {@link IngestAdmission}, and the rest of the server (the
 * audit trail, the security chain, the logs and Spring MVC) sees {@code /api/v1/ingest/generic}. Without this the
 * audit trail would record every such key in clear as part of the path. POSTs are taken earlier by the lean path
 * ({@link IngestFilter}, which takes the key off itself); this filter serves every other request to those paths and
 * the controllers when the lean path is off.
 */
final class PathKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the key taken from the path. */
    static final String KEY_ATTRIBUTE = PathKeyFilter.class.getName() + ".key";

    /** Outside the audit filter (-101) and the security chain (-100), so neither ever sees the key. */
    static final int ORDER = -110;

    /** The prefix of every ingest path. */
    static final String INGEST = "/api/v1/ingest/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        int last = uri.lastIndexOf('/');
        String segment = uri.substring(last + 1);
        if (!uri.startsWith(request.getContextPath() + INGEST) || !IntegrationKey.looksLikeKey(segment)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(KEY_ATTRIBUTE, segment);
        chain.doFilter(new WithoutKey(request, uri.substring(0, last)), response);
    }

    /** The request as if it had been sent to the path without its key segment. */
    private static final class WithoutKey extends HttpServletRequestWrapper {

        private final String uri;

        WithoutKey(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            if (getServerPort() > 0) {
                url.append(':').append(getServerPort());
            }
            return url.append(uri);
        }

        @Override
        public String getServletPath() {
            return uri.substring(getContextPath().length());
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }

    /** Registers the filter for the ingest paths only. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<PathKeyFilter> integrationPathKeyFilter() {
            FilterRegistrationBean<PathKeyFilter> registration = new FilterRegistrationBean<>(new PathKeyFilter());
            registration.addUrlPatterns(INGEST + "*");
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
