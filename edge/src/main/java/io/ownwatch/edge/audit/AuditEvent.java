package io.ownwatch.edge.audit;

import java.time.Instant;

/**
 * One finished mutating request. Every text has had CR and LF replaced, so no value can start a forged log line.
 *
 * @param actor    the token's subject, or {@code anonymous}
 * @param roles    the caller's roles, comma-separated (empty for clients and anonymous callers)
 * @param resource the resource acted on: the request path
 * @param outcome  the HTTP status answered
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String roles, String method, String path,
        String resource, int outcome, String sourceAddress) {

    static final String ANONYMOUS = "anonymous";

    /**
     * Replaces CR, LF and the other line breaks a log viewer honours with {@code _}; public for paths that audit
     * outside the filter (the router's lean ingest path).
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder cleaned = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            cleaned.append(c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        return cleaned.toString();
    }
}
