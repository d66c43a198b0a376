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
import org.springframework.util.ClassUtils;

/**
 * E-mail over SMTP through Boot's {@link JavaMailSender} ({@code spring.mail.*}, timeouts under
 * {@code spring.mail.properties}): multipart/alternative with text and HTML, the notification id as
 * {@code Message-ID} and in {@code X-Ownwatch-Notification-Id}. All mail goes through one SMTP server, so that
 * server is the endpoint the circuit breaker guards.
 */
@Component
class MailNotificationSender implements NotificationSender {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private final String server;

    MailNotificationSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
            @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port) {
        this.mailSender = mailSender;
        this.from = properties.mail().from();
        this.server = "smtp-" + (host.isBlank() ? "unconfigured" : host) + ":" + port;
        nameStreamProvider();
    }

    /**
     * Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader for every body part and multipart it makes
     * (jakartaee/mail-api#699 and #861); in a Spring Boot jar that scan of the class path was most of the CPU an
     * e-mail cost, and a burst of pages took the routing's cores. Naming the provider (the one the ServiceLoader finds,
     * Angus Mail's) makes each look-up a {@code Class.forName} of a loaded class. A provider named by the operator wins.
     */
    private static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null
                && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, MailNotificationSender.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
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
