package io.ownwatch.router.notification.mail;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.DeliveryFailed;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.NotificationProperties;
import io.ownwatch.router.notification.NotificationSender;
import io.ownwatch.router.notification.Page;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP through Boot's {@link JavaMailSender} ({@code spring.mail.*}, timeouts under
 * {@code spring.mail.properties}): multipart/alternative with text and HTML, the notification id as
 * {@code Message-ID} and in {@code X-Ownwatch-Notification-Id}. All mail goes through one SMTP server, so that
 * server is the endpoint the circuit breaker guards.
 */
@Component
class MailNotificationSender implements NotificationSender {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private final String server;

    MailNotificationSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
            @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port) {
        this.mailSender = mailSender;
        this.from = properties.mail().from();
        this.server = "smtp-" + (host.isBlank() ? "unconfigured" : host) + ":" + port;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String endpoint(Page page) {
        return server;
    }

    @Override
    public void send(Notice notice) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed("no SMTP server configured (spring.mail.host)");
        }
        MailMessage mail = MailMessage.render(notice);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(notice.page().address());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            // Spring keeps a Message-ID set before sending (JavaMail would otherwise make a random one).
            message.setHeader("Message-ID", mail.messageId());
            message.setHeader("X-Ownwatch-Notification-Id", notice.notificationId());
            sender.send(message);
        } catch (MessagingException e) {
            throw new DeliveryFailed("not a valid e-mail: " + e.getMessage(), e);
        } catch (MailException e) {
            throw new DeliveryFailed("SMTP server " + server + " did not take the mail: " + e.getMessage(), e);
        }
    }
}
