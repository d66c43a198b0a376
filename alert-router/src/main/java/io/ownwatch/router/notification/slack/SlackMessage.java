package io.ownwatch.router.notification.slack;

import io.ownwatch.router.notification.Notice;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Block Kit message for a Slack incoming webhook: a header, the service/severity/team/level fields, the summary,
 * link buttons (Slack opens their URL in the browser, which lands on the confirmation page) and a context line with
 * the notification id. {@code text} is the fallback Slack shows in notifications.
 */
final class SlackMessage {

    private static final JsonMapper JSON = JsonMapper.shared();
    /** Slack refuses a header longer than this. */
    private static final int HEADER_LIMIT = 150;

    private SlackMessage() {
    }

    static String render(Notice notice) {
        return notice.subject() == null ? stormSummary(notice) : incident(notice);
    }

    private static String incident(Notice notice) {
        Notice.Subject subject = notice.subject();
        String service = subject.serviceId() == null ? "unknown" : subject.serviceId();
        String title = "[" + subject.severity() + "] " + service + ": " + subject.summary();
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(limit(title))));
        blocks.add(Map.of("type", "section", "fields", List.of(
                field("Service", service),
                field("Severity", subject.severity()),
                field("Team", subject.teamId()),
                field("Level", Integer.toString(notice.page().level())))));
        blocks.add(Map.of("type", "section", "text", markdown(escape(subject.summary()))));
        List<Object> buttons = new ArrayList<>();
        if (notice.links().acknowledge() != null) {
            buttons.add(button("acknowledge", "Acknowledge", notice.links().acknowledge(), "primary"));
        }
        if (notice.links().resolve() != null) {
            buttons.add(button("resolve", "Resolve", notice.links().resolve(), null));
        }
        buttons.add(button("open", "Open incident", notice.links().open(), null));
        blocks.add(Map.of("type", "actions", "elements", buttons));
        blocks.add(context(notice));
        return JSON.writeValueAsString(message(title, blocks));
    }

    private static String stormSummary(Notice notice) {
        String title = "Page storm for team " + notice.page().teamId();
        String details = notice.page().details().entrySet().stream()
                .map(entry -> "*" + escape(entry.getKey()) + "*: " + escape(entry.getValue()))
                .collect(Collectors.joining("\n"));
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(limit(title))));
        if (!details.isEmpty()) {
            blocks.add(Map.of("type", "section", "text", markdown(details)));
        }
        blocks.add(context(notice));
        return JSON.writeValueAsString(message(title, blocks));
    }

    private static Map<String, Object> message(String fallback, List<Object> blocks) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", fallback);
        message.put("blocks", blocks);
        return message;
    }

    private static Map<String, Object> context(Notice notice) {
        return Map.of("type", "context", "elements",
                List.of(markdown("Ownwatch notification `" + escape(notice.notificationId()) + "`")));
    }

    private static Map<String, Object> button(String id, String text, URI url, String style) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("action_id", id);
        button.put("text", plain(text));
        button.put("url", url.toString());
        if (style != null) {
            button.put("style", style);
        }
        return button;
    }

    private static Map<String, Object> field(String name, String value) {
        return markdown("*" + name + "*\n" + escape(value == null ? "-" : value));
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text);
    }

    private static Map<String, Object> markdown(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    /** The three characters Slack's mrkdwn wants escaped, so a summary cannot forge a link or a mention. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String limit(String text) {
        return text.length() <= HEADER_LIMIT ? text : text.substring(0, HEADER_LIMIT - 1) + "…";
    }
}
