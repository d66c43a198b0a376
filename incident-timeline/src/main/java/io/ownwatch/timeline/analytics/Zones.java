package io.ownwatch.timeline.analytics;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time zones as both Java and PostgreSQL read them alike. */
public final class Zones {

    private Zones() {
    }

    /**
     * An IANA region (e.g. {@code Europe/Berlin}) or {@code UTC}. Fixed offsets such as {@code +02:00} are refused:
     * PostgreSQL reads POSIX offsets with the opposite sign, and a region is what business hours mean anyway.
     */
    public static ZoneId parse(String value, String field) {
        ZoneId zone;
        try {
            zone = ZoneId.of(value);
        }
        catch (DateTimeException ex) {
            throw new InvalidAnalyticsParameter(field, "must be an IANA time zone such as UTC or Europe/Berlin");
        }
        if (zone instanceof ZoneOffset offset) {
            if (offset.getTotalSeconds() != 0) {
                throw new InvalidAnalyticsParameter(field, "must be an IANA time zone such as UTC or Europe/Berlin, not an offset");
            }
            return ZoneOffset.UTC;
        }
        return zone;
    }

    /** The name PostgreSQL knows the zone by. */
    static String sqlName(ZoneId zone) {
        return zone instanceof ZoneOffset ? "UTC" : zone.getId();
    }
}
