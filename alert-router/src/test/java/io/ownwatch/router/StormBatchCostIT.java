package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentAlert;
import io.ownwatch.router.incident.IncidentRouting;
import io.ownwatch.router.incident.Incidents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a batch of a deduplication storm costs in SQL statements: a bounded number, whatever the number of its repeats
 * and the size of the incident they repeat on. Counted on the routing thread (the test's, calling
 * {@link IncidentRouting#routeAll} as the {@code routeAlert} binding does), on the real PostgreSQL; the binding's
 * consumer is not started, so nothing else routes into this database.
 */
@SpringBootTest(properties = "spring.config.name=alert-router")
class StormBatchCostIT {

    /** Processed events (check, record), owners' pre-reads (held, group keys), locks (dedup, group), held alerts,
     *  histories, incident, alerts, histories, timeline: eleven, with room for one. */
    private static final int STATEMENTS_PER_STORM_BATCH = 12;
    /** Group candidate, inhibitors, silences; the alert, the incident, the timeline entry, the history. */
    private static final int STATEMENTS_PER_GROUPING = 7;
    /** An opening with its escalation and remediation: generous, it is not what this test is about. */
    private static final int STATEMENTS_PER_OPENING = 40;

    @Autowired
    IncidentRouting routing;

    @Autowired
    Incidents incidents;

    private String run;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router_storm_cost", RegistryForTests.shared().baseUrl());
        registry.add("spring.cloud.stream.bindings.routeAlert-in-0.consumer.auto-startup", () -> "false");
        registry.add("spring.cloud.stream.bindings.routeAlert-in-0.group", () -> "alert-router-storm-cost-it");
    }

    @TestConfiguration
    static class Counting {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return StatementCounter.wrapDataSource();
        }
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
        PaymentsAndIdentity.declare(RegistryForTests.shared(), "pay-" + run);
    }

    @Test
    void aStormBatchCostsTheSameFewStatementsWhateverItsSizeAndTheIncidents() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(run + "-storm-" + i);
        }
        // The storm's first round opens one incident and groups the other 499 alerts into it, each routed on its own.
        StatementCounter.Counted<Void> firstRound = routeCounted(batch(keys));
        Incident incident = incidents.findByDedupKey(keys.get(0)).get(0);
        assertThat(incidents.alertsOf(incident.id())).hasSize(500);

        StatementCounter.Counted<Void> everyKeyOnce = routeCounted(batch(keys));
        StatementCounter.Counted<Void> tenKeysFiftyTimes = routeCounted(batch(repeat(keys.subList(0, 10), 50)));
        StatementCounter.Counted<Void> oneRepeat = routeCounted(batch(keys.subList(0, 1)));

        System.out.printf("statements: first round %d, every key once %d, ten keys fifty times %d, one repeat %d%n",
                firstRound.statements().size(), everyKeyOnce.statements().size(),
                tenKeysFiftyTimes.statements().size(), oneRepeat.statements().size());
        assertThat(firstRound.statements()).hasSizeLessThanOrEqualTo(STATEMENTS_PER_GROUPING * 499
                + STATEMENTS_PER_OPENING + STATEMENTS_PER_STORM_BATCH);
        assertThat(everyKeyOnce.statements()).as(everyKeyOnce.statements().toString())
                .hasSizeLessThanOrEqualTo(STATEMENTS_PER_STORM_BATCH);
        assertThat(tenKeysFiftyTimes.statements()).as(tenKeysFiftyTimes.statements().toString())
                .hasSizeLessThanOrEqualTo(STATEMENTS_PER_STORM_BATCH);
        assertThat(oneRepeat.statements()).as(oneRepeat.statements().toString())
                .hasSizeLessThanOrEqualTo(STATEMENTS_PER_STORM_BATCH);
        // And the repeats all counted, on the one incident.
        assertThat(incidents.findByDedupKey(keys.get(0))).extracting(Incident::id).containsExactly(incident.id());
        Incident after = incidents.findById(incident.id()).orElseThrow();
        assertThat(after.alertCount()).isEqualTo(500 + 500 + 500 + 1);
        List<IncidentAlert> alerts = incidents.alertsOf(incident.id());
        assertThat(alerts).hasSize(500);
        assertThat(alerts.stream().mapToInt(IncidentAlert::count).sum()).isEqualTo(1501);
        assertThat(alerts).filteredOn(a -> a.dedupKey().equals(keys.get(0))).singleElement()
                .extracting(IncidentAlert::count).isEqualTo(1 + 1 + 50 + 1);
        assertThat(alerts).filteredOn(a -> a.dedupKey().equals(keys.get(499))).singleElement()
                .extracting(IncidentAlert::count).isEqualTo(2);
    }

    private StatementCounter.Counted<Void> routeCounted(List<Alert> batch) throws Exception {
        return StatementCounter.count(() -> {
            routing.routeAll(batch);
            return null;
        });
    }

    private static List<String> repeat(List<String> keys, int times) {
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            repeated.addAll(keys);
        }
        return repeated;
    }

    private List<Alert> batch(List<String> dedupKeys) {
        Instant now = Instant.now();
        return dedupKeys.stream()
                .map(key -> new Alert(UUID.randomUUID().toString(), key, AlertSource.KAFKA, AlertStatus.FIRING,
                        Severity.WARNING, "queue backlog " + key,
                        Map.of("service", "pay-" + run, "alertname", "QueueBacklog"), Map.of(), now, null, now, null))
                .toList();
    }
}
