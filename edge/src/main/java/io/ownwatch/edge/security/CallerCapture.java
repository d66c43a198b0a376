package io.ownwatch.edge.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers who the caller is as a request attribute, because the security context is cleared before an outer
 * filter (the audit) sees the finished response.
 */
final class CallerCapture extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated()) {
            request.setAttribute(ResourceServerAutoConfiguration.CALLER_ATTRIBUTE, caller);
        }
        chain.doFilter(request, response);
    }
}
