package io.ownwatch.router.notification;

/**
 * A one-click link was not accepted: its signature does not match what it claims (tampered, or made for another
 * incident, action or person), it has expired, or it is not a link at all. Nothing was changed.
 */
public class LinkRefused extends RuntimeException {

    private final String field;
    private final boolean expired;

    private LinkRefused(String field, String message, boolean expired) {
        super(message);
        this.field = field;
        this.expired = expired;
    }

    static LinkRefused malformed(String field, String message) {
        return new LinkRefused(field, message, false);
    }

    static LinkRefused badSignature() {
        return new LinkRefused("signature", "does not match the rest of the link: it was altered, or made for another incident, action or person", false);
    }

    static LinkRefused expired() {
        return new LinkRefused("expires", "has passed: the link expired; open the incident in Ownwatch to act on it", true);
    }

    /** The link parameter at fault. */
    public String field() {
        return field;
    }

    /** Whether the link was genuine but too old. */
    public boolean isExpired() {
        return expired;
    }
}
