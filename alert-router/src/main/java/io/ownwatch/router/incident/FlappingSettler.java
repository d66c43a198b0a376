package io.ownwatch.router.incident;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for flapping incidents that have calmed down. State lives in PostgreSQL, so a check missed while the router
 * was down is simply made on the next run.
 */
@Component
class FlappingSettler {

    private final IncidentRouting routing;

    FlappingSettler(IncidentRouting routing) {
        this.routing = routing;
    }

    @Scheduled(fixedDelayString = "${ownwatch.router.grouping.settle-every:30s}", initialDelayString = "${ownwatch.router.grouping.settle-every:30s}")
    void settle() {
        routing.settleFlapping();
    }
}
