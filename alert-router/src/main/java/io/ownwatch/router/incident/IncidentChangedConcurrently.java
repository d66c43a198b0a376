package io.ownwatch.router.incident;

/** The incident of a dedup key changed while an alert was being routed; routing the alert again is safe. */
class IncidentChangedConcurrently extends RuntimeException {

    IncidentChangedConcurrently(String dedupKey) {
        super("The incident for dedup key " + dedupKey + " changed while routing; retrying");
    }
}
