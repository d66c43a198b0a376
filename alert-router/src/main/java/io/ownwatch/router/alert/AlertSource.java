package io.ownwatch.router.alert;

/** The form an alert arrived in. */
public enum AlertSource {
    UNKNOWN, ALERTMANAGER, GRAFANA, PAGERDUTY, JSON, KAFKA
}
