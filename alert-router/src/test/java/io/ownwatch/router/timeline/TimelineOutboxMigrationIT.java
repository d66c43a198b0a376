package io.ownwatch.router.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.router.alert.Severity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V3 on a database that V1 left with timeline entries not yet on Kafka: they move onto the shared outbox in their
 * order, readable by the relay's stream exactly as the router wrote them, and published ones stay behind.
 */
class TimelineOutboxMigrationIT {

    private static final String[] LOCATIONS = {"classpath:db/migration/router", "classpath:db/migration/audit",
            "classpath:db/migration/outbox"};

    @Test
    void unpublishedEntriesMoveOntoTheSharedOutboxWithTheirSequencesAndPayload() throws Exception {
        Infrastructure infra = TestInfrastructure.get();
        String database = "router_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = infra.jdbcUrl(database);
        migrate(url, "1");
        UUID incident = UUID.randomUUID();
        UUID published = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        try (Connection connection = connect(url); Statement sql = connection.createStatement()) {
            sql.execute("""
                    insert into incident (id, dedup_key, status, service_id, team_id, severity, summary, opened_at,
                                          last_seen_at, alert_count, next_sequence)
                    values ('%s', 'fp-1', 'OPEN', 'checkout', 'payments', 'CRITICAL', 'Checkout down',
                            '2025-03-04T10:15:30.123456Z', '2025-03-04T10:16:00Z', 3, 4)""".formatted(incident));
            sql.execute(outboxRow(published, incident, 1, "INCIDENT_OPENED", "'{\"dedupKey\": \"fp-1\"}'", "now()"));
            sql.execute(outboxRow(second, incident, 2, "OWNER_RESOLVED", "'{\"teamName\": \"Payments\"}'", "null"));
            sql.execute(outboxRow(third, incident, 3, "RESOLVED", "'{}'", "null"));
        }

        migrate(url, null);

        try (Connection connection = connect(url); Statement sql = connection.createStatement()) {
            List<TimelineEntry> moved = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery(
                    "select stream, message_key, payload from outbox_message where published_at is null order by id")) {
                while (rows.next()) {
                    assertThat(rows.getString("stream")).isEqualTo(TimelineOutbox.STREAM);
                    assertThat(rows.getString("message_key")).isEqualTo(incident.toString());
                    moved.add(TimelineOutbox.read(rows.getString("payload")));
                }
            }
            assertThat(moved).extracting(TimelineEntry::eventId).containsExactly(second, third);
            TimelineEntry owner = moved.get(0);
            assertThat(owner).isEqualTo(new TimelineEntry(second, incident, 2, TimelineEntryType.OWNER_RESOLVED,
                    Instant.parse("2025-03-04T10:15:30.123456Z"), TimelineEntry.Actor.ALERT_ROUTER, "checkout",
                    "payments", Severity.CRITICAL, "Checkout down", Map.of("teamName", "Payments")));
            assertThat(moved.get(1).sequence()).isEqualTo(3);
            try (ResultSet held = sql.executeQuery("select dedup_key, status, alert_count, held from incident_alert")) {
                assertThat(held.next()).isTrue();
                assertThat(held.getString("dedup_key")).isEqualTo("fp-1");
                assertThat(held.getString("status")).isEqualTo("FIRING");
                assertThat(held.getInt("alert_count")).isEqualTo(3);
                assertThat(held.getBoolean("held")).isTrue();
            }
            try (ResultSet table = sql.executeQuery("select to_regclass('timeline_outbox') is null")) {
                assertThat(table.next()).isTrue();
                assertThat(table.getBoolean(1)).as("the old outbox is gone").isTrue();
            }
        }
    }

    private static String outboxRow(UUID eventId, UUID incident, int sequence, String type, String attributes,
            String publishedAt) {
        return """
                insert into timeline_outbox (event_id, incident_id, sequence, type, occurred_at, actor_kind, actor_id,
                                             service_id, team_id, severity, summary, attributes, published_at)
                values ('%s', '%s', %d, '%s', '2025-03-04T10:15:30.123456Z', 'SYSTEM', 'alert-router', 'checkout',
                        'payments', 'CRITICAL', 'Checkout down', %s, %s)""".formatted(eventId, incident, sequence, type,
                attributes, publishedAt);
    }

    private static void migrate(String url, String target) {
        var configuration = Flyway.configure()
                .dataSource(url, TestInfrastructure.get().databaseUsername(), TestInfrastructure.get().databasePassword())
                .locations(LOCATIONS)
                .outOfOrder(true);
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestInfrastructure.get().databaseUsername(),
                TestInfrastructure.get().databasePassword());
    }
}
