package io.ownwatch.registry.team;

import java.util.Objects;

import io.ownwatch.registry.Contact;

/**
 * One way to tell a whole team about an incident; an escalation level's team-channel target notifies
 * every channel of the team.
 *
 * @param type    how the address is reached
 * @param address an https URL for the webhook types, an e-mail address for {@link ChannelType#EMAIL}
 */
public record Channel(ChannelType type, String address) {

    public Channel {
        Objects.requireNonNull(type, "type");
        if (!accepts(type, address)) {
            throw new IllegalArgumentException("team channel address " + problem(type));
        }
    }

    /** Whether the address has the shape its type needs. */
    public static boolean accepts(ChannelType type, String address) {
        return switch (type) {
            case EMAIL -> Contact.isEmail(address);
            case SLACK_WEBHOOK, WEBHOOK -> Contact.isHttpsUrl(address);
        };
    }

    /** What is wrong with an address the type does not accept, as a field message. */
    public static String problem(ChannelType type) {
        return switch (type) {
            case EMAIL -> "must be an e-mail address for an EMAIL channel";
            case SLACK_WEBHOOK -> "must be an https URL for a SLACK_WEBHOOK channel";
            case WEBHOOK -> "must be an https URL for a WEBHOOK channel";
        };
    }
}
