package io.ownwatch.timeline.analytics;

import java.util.Locale;

/** The width of a trend's buckets: calendar days, or ISO weeks starting on Monday, in the asked time zone. */
public enum Bucket {
    DAY, WEEK;

    /** {@code day} or {@code week}, in any case. */
    public static Bucket parse(String value) {
        for (Bucket bucket : values()) {
            if (bucket.name().equals(value.toUpperCase(Locale.ROOT))) {
                return bucket;
            }
        }
        throw new InvalidAnalyticsParameter("bucket", "must be one of [day, week]");
    }

    /** The unit PostgreSQL's {@code date_trunc} takes. */
    String unit() {
        return name().toLowerCase(Locale.ROOT);
    }
}
