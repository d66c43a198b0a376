package io.ownwatch.router.notification.webhook;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.HttpDelivery;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.NotificationSender;
import io.ownwatch.router.notification.Page;
import org.springframework.stereotype.Component;

/** The generic webhook: Ownwatch's JSON posted to the page's address. */
@Component
class WebhookNotificationSender implements NotificationSender {

    private final HttpDelivery http;

    WebhookNotificationSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public String endpoint(Page page) {
        return HttpDelivery.endpoint(page.address());
    }

    @Override
    public void send(Notice notice) {
        http.postJson(notice.page().address(), notice.notificationId(), WebhookMessage.render(notice));
    }
}
