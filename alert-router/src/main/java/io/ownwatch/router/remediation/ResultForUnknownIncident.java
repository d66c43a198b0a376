package io.ownwatch.router.remediation;

import java.util.UUID;

/**
 * A remediation result for an incident this router never opened. An IllegalArgumentException because no retry can
 * make the incident appear: the result goes to the dead-letter topic on the first attempt.
 */
public class ResultForUnknownIncident extends IllegalArgumentException {

    public ResultForUnknownIncident(UUID incidentId, String eventId) {
        super("Remediation result " + eventId + " is for incident " + incidentId + ", which this router does not know");
    }
}
