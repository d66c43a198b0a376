package io.ownwatch.router.notification.slack;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.HttpDelivery;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.NotificationSender;
import io.ownwatch.router.notification.Page;
import org.springframework.stereotype.Component;

/** Slack incoming webhooks: the page's address is the webhook URL, the message Block Kit. */
@Component
class SlackNotificationSender implements NotificationSender {

    private final HttpDelivery http;

    SlackNotificationSender(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public String endpoint(Page page) {
        return HttpDelivery.endpoint(page.address());
    }

    @Override
    public void send(Notice notice) {
        http.postJson(notice.page().address(), notice.notificationId(), SlackMessage.render(notice));
    }
}
