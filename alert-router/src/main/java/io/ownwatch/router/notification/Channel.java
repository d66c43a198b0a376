package io.ownwatch.router.notification;

/** How a notification travels. */
public enum Channel {
    /** Ownwatch's own JSON to any http(s) endpoint. */
    WEBHOOK,
    /** A Slack incoming webhook, as a Block Kit message. */
    SLACK,
    /** E-mail over SMTP, HTML with a text alternative. */
    EMAIL
}
