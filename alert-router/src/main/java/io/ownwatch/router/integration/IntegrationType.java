package io.ownwatch.router.integration;

import java.util.Locale;

/** The form an integration sends in; each has its own ingest endpoint, and a key only works on its own. */
public enum IntegrationType {
    ALERTMANAGER, GRAFANA, PAGERDUTY, GENERIC;

    /** The name used in URLs and JSON, e.g. {@code alertmanager}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
