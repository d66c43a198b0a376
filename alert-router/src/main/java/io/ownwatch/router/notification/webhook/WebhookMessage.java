package io.ownwatch.router.notification.webhook;

import io.ownwatch.router.notification.Notice;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Ownwatch's own webhook JSON: flat, every field always present (null when it does not apply). */
final class WebhookMessage {

    private static final JsonMapper JSON = JsonMapper.shared();

    private WebhookMessage() {
    }

    static String render(Notice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notice.notificationId());
        body.put("kind", notice.page().kind().name());
        Notice.Subject subject = notice.subject();
        body.put("incidentId", subject == null ? null : subject.incidentId().toString());
        body.put("status", subject == null ? null : subject.status());
        body.put("severity", subject == null ? null : subject.severity());
        body.put("service", subject == null ? null : subject.serviceId());
        body.put("team", notice.page().teamId());
        body.put("summary", subject == null ? notice.page().details().get("summary") : subject.summary());
        body.put("level", notice.page().level());
        body.put("person", notice.page().personId());
        Map<String, Object> links = new LinkedHashMap<>();
        if (notice.links() != null) {
            links.put("acknowledge", text(notice.links().acknowledge()));
            links.put("resolve", text(notice.links().resolve()));
            links.put("open", text(notice.links().open()));
        }
        body.put("links", links);
        body.put("details", notice.page().details());
        return JSON.writeValueAsString(body);
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }
}
