package io.ownwatch.registry.team;

/** How a team channel is reached, as it appears in JSON. */
public enum ChannelType {
    /** A Slack incoming-webhook URL (https). */
    SLACK_WEBHOOK,
    /** A mailing list or shared mailbox. */
    EMAIL,
    /** Any https endpoint that accepts Ownwatch's JSON notification (chat bridges, ticketing). */
    WEBHOOK
}
