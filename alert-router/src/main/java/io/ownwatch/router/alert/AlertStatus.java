package io.ownwatch.router.alert;

/** What the sender says about the alert; ACKNOWLEDGED only comes from PagerDuty-style senders. */
public enum AlertStatus {
    UNKNOWN, FIRING, RESOLVED, ACKNOWLEDGED
}
