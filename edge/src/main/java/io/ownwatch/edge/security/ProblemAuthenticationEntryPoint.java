package io.ownwatch.edge.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 with a bearer challenge and a problem body, whether the token was missing or refused. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        boolean presented = Problems.tokenPresented(request);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Problems.challenge(presented));
        Problems.write(request, response, Problems.unauthenticated(presented));
    }
}
