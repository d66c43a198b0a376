package io.ownwatch.router.escalation;

import io.ownwatch.router.notification.Channel;
import java.util.Objects;

/** One channel of a team (the registry's team channels), told rather than paged. */
public record TeamChannel(String teamId, Channel channel, String address) {

    public TeamChannel {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }
}
