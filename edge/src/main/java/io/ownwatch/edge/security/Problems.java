package io.ownwatch.edge.security;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two refusals, as RFC 9457 problem details. Written straight to the response because most refusals happen in
 * the security filters, before Spring MVC (and its problem-details machinery) is reached.
 */
final class Problems {

    static final URI UNAUTHENTICATED = URI.create("https://ownwatch.io/problems/unauthenticated");
    static final URI FORBIDDEN = URI.create("https://ownwatch.io/problems/forbidden");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    static ProblemDetail unauthenticated(boolean tokenPresented) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, tokenPresented
                // Deliberately one vague sentence: which check failed would help someone forging tokens.
                ? "The bearer token is not valid (expired, from another issuer or audience, or not signed by the issuer)."
                : "This request needs a bearer token.");
        problem.setType(UNAUTHENTICATED);
        problem.setTitle("Unauthenticated");
        return problem;
    }

    static ProblemDetail forbidden() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this request.");
        problem.setType(FORBIDDEN);
        problem.setTitle("Forbidden");
        return problem;
    }

    /** The {@code WWW-Authenticate} challenge of RFC 6750 for a 401. */
    static String challenge(boolean tokenPresented) {
        return tokenPresented ? "Bearer error=\"invalid_token\", error_description=\"The bearer token is not valid\"" : "Bearer";
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    static boolean tokenPresented(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
