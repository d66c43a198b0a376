package io.ownwatch.router.ingest.web;

import io.ownwatch.router.integration.Integration;
import io.ownwatch.router.integration.IntegrationType;

/** A good key posted to another form's endpoint: each key speaks one form, so a mix-up is caught, not guessed at. */
class IntegrationTypeMismatch extends RuntimeException {

    IntegrationTypeMismatch(Integration integration, IntegrationType endpoint) {
        super("This integration sends " + integration.type().slug() + " payloads; post them to /api/v1/ingest/"
                + integration.type().slug() + ", not /api/v1/ingest/" + endpoint.slug() + ".");
    }
}
