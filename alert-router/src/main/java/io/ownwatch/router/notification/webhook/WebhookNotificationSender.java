package io.ownwatch.router.notification.webhook;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.HttpDelivery;
import io.ownwatch.router.notification.JsonPostSender;
import io.ownwatch.router.notification.Notice;
import org.springframework.stereotype.Component;

/** The generic webhook: Ownwatch's JSON posted to the page's address. */
@Component
class WebhookNotificationSender extends JsonPostSender {

    WebhookNotificationSender(HttpDelivery http) {
        super(Channel.WEBHOOK, http);
    }

    @Override
    protected String render(Notice notice) {
        return WebhookMessage.render(notice);
    }
}
