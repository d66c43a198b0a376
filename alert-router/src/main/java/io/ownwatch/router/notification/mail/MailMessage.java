package io.ownwatch.router.notification.mail;

import io.ownwatch.router.notification.Notice;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * A notification e-mail: subject with severity and service, a text part and an HTML part with the same content.
 *
 * @param messageId the {@code Message-ID}, made from the notification id, so a resend is recognisably the same mail
 */
record MailMessage(String messageId, String subject, String text, String html) {

    private static final String ATEXT_EXTRA = "!#$&'*+-/=?^_`{|}~.";

    static MailMessage render(Notice notice) {
        String messageId = messageId(notice.notificationId());
        return notice.subject() == null ? stormSummary(notice, messageId) : incident(notice, messageId);
    }

    private static MailMessage incident(Notice notice, String messageId) {
        Notice.Subject subject = notice.subject();
        String service = subject.serviceId() == null ? "unknown service" : subject.serviceId();
        String title = "[Ownwatch] [" + subject.severity() + "] " + service + ": " + subject.summary();
        StringBuilder text = new StringBuilder()
                .append(subject.summary()).append("\n\n")
                .append("Service:  ").append(service).append('\n')
                .append("Severity: ").append(subject.severity()).append('\n')
                .append("Team:     ").append(subject.teamId()).append('\n')
                .append("Level:    ").append(notice.page().level()).append('\n')
                .append("Status:   ").append(subject.status()).append("\n\n");
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html><html><body>")
                .append("<h2>").append(escape(subject.summary())).append("</h2>")
                .append("<table>")
                .append(row("Service", service)).append(row("Severity", subject.severity()))
                .append(row("Team", subject.teamId())).append(row("Level", Integer.toString(notice.page().level())))
                .append(row("Status", subject.status()))
                .append("</table><p>");
        Notice.Links links = notice.links();
        link(text, html, "Acknowledge", links.acknowledge());
        link(text, html, "Resolve", links.resolve());
        link(text, html, "Open incident", links.open());
        text.append("\nNotification ").append(notice.notificationId()).append('\n');
        html.append("</p><p style=\"color:#777\">Notification ").append(escape(notice.notificationId()))
                .append("</p></body></html>");
        return new MailMessage(messageId, title, text.toString(), html.toString());
    }

    private static MailMessage stormSummary(Notice notice, String messageId) {
        String title = "[Ownwatch] Page storm for team " + notice.page().teamId();
        StringBuilder text = new StringBuilder(title).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><h2>").append(escape(title))
                .append("</h2><table>");
        for (Map.Entry<String, String> entry : notice.page().details().entrySet()) {
            text.append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
            html.append(row(entry.getKey(), entry.getValue()));
        }
        text.append("\nNotification ").append(notice.notificationId()).append('\n');
        html.append("</table><p style=\"color:#777\">Notification ").append(escape(notice.notificationId()))
                .append("</p></body></html>");
        return new MailMessage(messageId, title, text.toString(), html.toString());
    }

    private static void link(StringBuilder text, StringBuilder html, String label, URI uri) {
        if (uri == null) {
            return;
        }
        text.append(label).append(": ").append(uri).append('\n');
        html.append("<a href=\"").append(escape(uri.toString())).append("\">").append(escape(label))
                .append("</a> &nbsp; ");
    }

    private static String row(String name, String value) {
        return "<tr><th align=\"left\">" + escape(name) + "</th><td>" + escape(value == null ? "-" : value) + "</td></tr>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    /**
     * {@code <id@ownwatch>} with every character a Message-ID may not hold percent-encoded, so the notification id
     * stays readable and distinct ({@code %} itself is allowed).
     */
    static String messageId(String notificationId) {
        StringBuilder local = new StringBuilder();
        for (byte b : notificationId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || ATEXT_EXTRA.indexOf(c) >= 0) && c != '%') {
                local.append(c);
            } else {
                local.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        String id = local.toString().replaceAll("\\.{2,}", ".").replaceAll("^\\.|\\.$", "%2E");
        return "<" + id + "@ownwatch>";
    }
}
