package io.ownwatch.devstack.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

class DevInboxIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keepsMailAndWebhookCallsAndShowsThem() throws Exception {
        try (DevInbox inbox = DevInbox.start(0, 0)) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", Integer.toString(inbox.smtpPort()));
            MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
            mail.setFrom(new InternetAddress("ownwatch@localhost"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            mail.setSubject("[CRITICAL] checkout: queue depth high");
            mail.setText("Acknowledge: http://127.0.0.1:8080/ack");
            Transport.send(mail);

            HttpResponse<String> hook = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/hooks/slack/bob"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"<checkout> is down\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hook.statusCode()).isEqualTo(200);
            assertThat(hook.body()).isEqualTo("ok");

            assertThat(inbox.mails()).singleElement().satisfies(received -> {
                assertThat(received.to()).isEqualTo("bob@example.com");
                assertThat(received.subject()).isEqualTo("[CRITICAL] checkout: queue depth high");
                assertThat(received.text()).contains("http://127.0.0.1:8080/ack");
            });
            assertThat(inbox.hooks()).singleElement().satisfies(received -> {
                assertThat(received.path()).isEqualTo("/hooks/slack/bob");
                assertThat(received.body()).isEqualTo("{\"text\":\"<checkout> is down\"}");
            });

            String page = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("[CRITICAL] checkout: queue depth high", "/hooks/slack/bob",
                    "&lt;checkout&gt; is down");
            String json = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/messages.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(json).contains("\"subject\":\"[CRITICAL] checkout: queue depth high\"",
                    "\"body\":\"{\\\"text\\\":\\\"<checkout> is down\\\"}\"");
        }
    }

    @Test
    void refusesAnythingButPostOnHooks() throws Exception {
        try (DevInbox inbox = DevInbox.start(0, 0)) {
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/hooks/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(inbox.hooks()).isEmpty();
        }
    }
}
