package io.ownwatch.devstack.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded run's notifications land, so that a page can be seen without a Slack workspace or a mail
 * server: a real SMTP server (GreenMail) that accepts mail for any address, and an HTTP receiver that answers
 * {@code POST /hooks/...} as Slack does ({@code 200 ok}) and keeps the body. {@code GET /} lists everything
 * received, newest first; {@code GET /messages.json} gives the same as JSON. Both bind to 127.0.0.1 and keep at
 * most {@value #KEPT} webhook calls in memory: it is a development aid, not a store.
 */
public final class DevInbox implements AutoCloseable {

    static final int KEPT = 500;
    private static final int MAX_BODY = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DevInbox.class);

    private final GreenMail smtp;
    private final HttpServer http;
    private final Deque<Hook> hooks = new ConcurrentLinkedDeque<>();

    private DevInbox(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    /**
     * Starts both servers on 127.0.0.1.
     *
     * @param smtpPort SMTP port, 0 for any free port
     * @param httpPort port of the webhook receiver and the page, 0 for any free port
     */
    public static DevInbox start(int smtpPort, int httpPort) {
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail smtp = new GreenMail(smtpPort == 0 ? setup.dynamicPort() : setup);
        smtp.start();
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            DevInbox inbox = new DevInbox(smtp, http);
            http.createContext("/hooks/", inbox::receive);
            http.createContext("/messages.json", exchange -> inbox.answer(exchange, "application/json", inbox.json()));
            http.createContext("/", exchange -> inbox.answer(exchange, "text/html; charset=utf-8", inbox.page()));
            http.start();
            log.info("Dev inbox up: SMTP on 127.0.0.1:{}, webhooks and page on {}", inbox.smtpPort(), inbox.url());
            return inbox;
        } catch (IOException | RuntimeException e) {
            smtp.stop();
            throw new IllegalStateException("The dev inbox could not start", e);
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** Base URL of the page; webhooks go to {@code <url>/hooks/<anything>}. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The mails received so far, oldest first. */
    public List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mails.add(Mail.of(message));
        }
        return mails;
    }

    /** The webhook calls received so far, oldest first (at most the last {@value #KEPT}). */
    public List<Hook> hooks() {
        return List.copyOf(hooks);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            hooks.addLast(new Hook(Instant.now(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            while (hooks.size() > KEPT) {
                hooks.pollFirst();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        }
    }

    private void answer(HttpExchange exchange, String contentType, String content) throws IOException {
        try (exchange) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String page() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>Ownwatch dev inbox</title><style>body{font-family:sans-serif;margin:2em}pre{white-space:pre-wrap;
                background:#f4f4f4;padding:.5em}h2{margin-top:1.5em}.meta{color:#666}</style></head><body>
                <h1>Ownwatch dev inbox</h1><p class="meta">What the embedded run sent: mail to any address, and webhook
                calls to /hooks/&hellip;. Newest first; refreshes every 5 s.</p><h2>Mail</h2>
                """);
        List<Mail> mails = new ArrayList<>(mails());
        java.util.Collections.reverse(mails);
        if (mails.isEmpty()) {
            html.append("<p>none yet</p>");
        }
        for (Mail mail : mails) {
            html.append("<div><p class=\"meta\">to ").append(escape(mail.to())).append(" &middot; from ")
                    .append(escape(mail.from())).append("</p><p><b>").append(escape(mail.subject()))
                    .append("</b></p><pre>").append(escape(mail.text())).append("</pre></div>");
        }
        html.append("<h2>Webhook calls</h2>");
        List<Hook> calls = new ArrayList<>(hooks());
        java.util.Collections.reverse(calls);
        if (calls.isEmpty()) {
            html.append("<p>none yet</p>");
        }
        for (Hook hook : calls) {
            html.append("<div><p class=\"meta\">").append(hook.receivedAt()).append(" &middot; POST ")
                    .append(escape(hook.path())).append("</p><pre>").append(escape(hook.body())).append("</pre></div>");
        }
        return html.append("</body></html>").toString();
    }

    private String json() {
        StringBuilder json = new StringBuilder("{\"mails\":[");
        List<Mail> mails = mails();
        for (int i = 0; i < mails.size(); i++) {
            Mail mail = mails.get(i);
            json.append(i == 0 ? "" : ",").append("{\"to\":").append(quote(mail.to())).append(",\"from\":")
                    .append(quote(mail.from())).append(",\"subject\":").append(quote(mail.subject()))
                    .append(",\"text\":").append(quote(mail.text())).append('}');
        }
        json.append("],\"hooks\":[");
        List<Hook> calls = hooks();
        for (int i = 0; i < calls.size(); i++) {
            Hook hook = calls.get(i);
            json.append(i == 0 ? "" : ",").append("{\"receivedAt\":").append(quote(hook.receivedAt().toString()))
                    .append(",\"path\":").append(quote(hook.path())).append(",\"body\":").append(quote(hook.body()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Stops both servers; what they received is gone. */
    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }

    /** One mail: recipients, sender, subject and its text (the whole MIME body when it has no plain part). */
    public record Mail(String to, String from, String subject, String text) {

        static Mail of(MimeMessage message) {
            try {
                return new Mail(join(message.getAllRecipients()), join(message.getFrom()), message.getSubject(),
                        GreenMailUtil.getBody(message));
            } catch (MessagingException e) {
                return new Mail("", "", "(unreadable message: " + e.getMessage() + ")", "");
            }
        }

        private static String join(Address[] addresses) {
            if (addresses == null) {
                return "";
            }
            List<String> names = new ArrayList<>();
            for (Address address : addresses) {
                names.add(address.toString());
            }
            return String.join(", ", names);
        }
    }

    /** One webhook call. */
    public record Hook(Instant receivedAt, String path, String contentType, String body) {
    }
}
