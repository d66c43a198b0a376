package io.ownwatch.router.notification;

import java.util.Locale;
import java.util.Optional;

/** What a one-click link does to its incident. */
public enum LinkAction {
    ACKNOWLEDGE, RESOLVE;

    /** As it appears in the link's path. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a path segment names, if any. */
    public static Optional<LinkAction> fromPath(String path) {
        for (LinkAction action : values()) {
            if (action.path().equals(path)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
