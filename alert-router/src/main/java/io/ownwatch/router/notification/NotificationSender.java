package io.ownwatch.router.notification;

/** One channel's way out: renders a notice and hands it to the endpoint, within the channel's timeouts. */
public interface NotificationSender {

    Channel channel();

    /**
     * The endpoint a page goes to, as far as failures are shared: host and port of a URL, the SMTP server for
     * e-mail. Each endpoint has a circuit breaker and a bulkhead of its own.
     */
    String endpoint(Page page);

    /**
     * Sends once; the queue retries.
     *
     * @throws DeliveryFailed when the endpoint refused, failed or did not answer in time
     */
    void send(Notice notice);
}
