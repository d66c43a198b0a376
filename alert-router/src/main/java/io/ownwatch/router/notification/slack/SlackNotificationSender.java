package io.ownwatch.router.notification.slack;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.HttpDelivery;
import io.ownwatch.router.notification.JsonPostSender;
import io.ownwatch.router.notification.Notice;
import org.springframework.stereotype.Component;

/** Slack incoming webhooks: the page's address is the webhook URL, the message Block Kit. */
@Component
class SlackNotificationSender extends JsonPostSender {

    SlackNotificationSender(HttpDelivery http) {
        super(Channel.SLACK, http);
    }

    @Override
    protected String render(Notice notice) {
        return SlackMessage.render(notice);
    }
}
