package io.ownwatch.router.ingest.web;

import io.ownwatch.edge.security.ResourceServerAutoConfiguration;
import io.ownwatch.router.ingest.IngestProperties;
import io.ownwatch.router.ingest.PagerDutyEvent;
import io.ownwatch.router.integration.Integration;
import io.ownwatch.router.integration.IntegrationKey;
import io.ownwatch.router.integration.IntegrationKeys;
import io.ownwatch.router.integration.IntegrationProperties;
import io.ownwatch.router.integration.IntegrationType;
import io.ownwatch.router.integration.RequestSignature;
import io.ownwatch.router.integration.UnknownIntegrationKey;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The door of every ingest endpoint: JSON only, the integration key found wherever the sender could put it
 * (bearer header, last path segment, PagerDuty's {@code routing_key}), the body read up to the limit, the
 * signature checked when the integration signs. Only what passes all of it is parsed; each refusal is an
 * exception that {@link IngestProblems} turns into a problem detail, so nothing is ever half-accepted.
 */
@Component
class IngestAdmission {

    private final IntegrationKeys keys;
    private final IngestProperties ingest;
    private final IntegrationProperties integrations;
    private final Clock clock;

    IngestAdmission(IntegrationKeys keys, IngestProperties ingest, IntegrationProperties integrations, Clock clock) {
        this.keys = keys;
        this.ingest = ingest;
        this.integrations = integrations;
        this.clock = clock;
    }

    /** A request that passed the door: who sent it and what. */
    record Admitted(Integration integration, byte[] body) {
    }

    /**
     * @param form the endpoint's form; the key must belong to an integration of that type
     * @param pathKey the key taken off the path, or null
     */
    Admitted admit(HttpServletRequest request, IntegrationType form, String pathKey) {
        requireJson(request.getContentType());
        String key = bearerKey(request);
        if (key == null) {
            key = pathKey;
        }
        // A key in a header or the path is checked before the body is read: a stranger's body is not worth reading.
        Integration integration = key == null ? null : keys.authenticate(key);
        byte[] body = readLimited(request);
        if (integration == null && form == IntegrationType.PAGERDUTY) {
            String routingKey = PagerDutyEvent.routingKey(body);
            integration = routingKey == null ? null : keys.authenticate(routingKey);
        }
        if (integration == null) {
            throw new UnknownIntegrationKey("This request needs an integration key: 'Authorization: Bearer owk_...', "
                    + "the key as the last path segment" + (form == IntegrationType.PAGERDUTY ? ", or routing_key" : "") + ".");
        }
        if (integration.type() != form) {
            throw new IntegrationTypeMismatch(integration, form);
        }
        RequestSignature.verify(integration, request.getHeader(RequestSignature.TIMESTAMP_HEADER),
                request.getHeader(RequestSignature.SIGNATURE_HEADER), body, clock.instant(), integrations.signatureTolerance());
        // The audit trail then names the integration as the actor, instead of "anonymous".
        request.setAttribute(ResourceServerAutoConfiguration.CALLER_ATTRIBUTE, new PreAuthenticatedAuthenticationToken(
                "integration:" + integration.name(), null, List.of(new SimpleGrantedAuthority("ROLE_INTEGRATION"))));
        return new Admitted(integration, body);
    }

    private static String bearerKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return IntegrationKey.looksLikeKey(token) ? token : null;
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw new UnsupportedPayloadType(null);
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
            if (!json || type.isWildcardSubtype()) {
                throw new UnsupportedPayloadType(contentType);
            }
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedPayloadType(contentType);
        }
    }

    private byte[] readLimited(HttpServletRequest request) {
        long limit = ingest.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLarge(limit);
        }
        // Content-Length may be absent (chunked) or wrong: count what actually arrives.
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                throw new BodyTooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            // The sender went away or the connection broke mid-body (also: a declared length never reached).
            throw new BodyIncomplete(e);
        }
    }
}
