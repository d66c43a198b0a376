package io.ownwatch.router.ingest.web;

import io.ownwatch.router.ingest.AlertIngest;
import io.ownwatch.router.ingest.IngestProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus Alertmanager's webhook receiver. Answers 202 only after the broker acknowledged every
 * alert, so that Alertmanager's retry on 5xx is what guarantees no alert is lost.
 */
@RestController
@RequestMapping("/api/v1/integrations")
class AlertmanagerWebhookController {

    private final AlertIngest ingest;
    private final IngestProperties properties;

    AlertmanagerWebhookController(AlertIngest ingest, IngestProperties properties) {
        this.ingest = ingest;
        this.properties = properties;
    }

    /**
     * The body is read here rather than bound by Spring, so that the content type, the size limit
     * and the JSON are all checked by us and each failure gets its own precise problem detail.
     */
    @PostMapping("/alertmanager")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted receive(HttpServletRequest request) throws IOException {
        requireJson(request.getContentType());
        byte[] body = readLimited(request);
        List<String> eventIds = ingest.acceptAlertmanager(body);
        return new Accepted(eventIds.size(), eventIds);
    }

    /** What the sender gets back: how many alerts were accepted and their event ids. */
    record Accepted(int accepted, List<String> eventIds) {
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

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodyBytes();
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
        }
    }
}
