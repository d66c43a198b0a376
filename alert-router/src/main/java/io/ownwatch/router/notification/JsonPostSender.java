package io.ownwatch.router.notification;

/**
 * A channel whose page address is an http(s) URL the notice is posted to as JSON (the webhook and Slack channels):
 * the endpoint is the URL's host and port, the post goes through {@link HttpDelivery}. A channel only says how it
 * renders the notice.
 */
public abstract class JsonPostSender implements NotificationSender {

    private final Channel channel;
    private final HttpDelivery http;

    protected JsonPostSender(Channel channel, HttpDelivery http) {
        this.channel = channel;
        this.http = http;
    }

    /** The JSON body the channel's endpoint expects. */
    protected abstract String render(Notice notice);

    @Override
    public final Channel channel() {
        return channel;
    }

    @Override
    public final String endpoint(Page page) {
        return HttpDelivery.endpoint(page.address());
    }

    @Override
    public final void send(Notice notice) {
        http.postJson(notice.page().address(), notice.notificationId(), render(notice));
    }
}
