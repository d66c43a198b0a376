package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A router's database on the test PostgreSQL, for what the API does not show (the page queue, the escalation's row)
 * and to move an escalation's deadline instead of waiting minutes: the worker compares deadlines with the database's
 * clock.
 *
 * @param name     the database's name
 * @param patience how long an awaited row may take
 */
record RouterDatabase(String name, Duration patience) {

    JdbcClient jdbc() {
        Infrastructure infrastructure = TestInfrastructure.get();
        return JdbcClient.create(new DriverManagerDataSource(infrastructure.jdbcUrl(name),
                infrastructure.databaseUsername(), infrastructure.databasePassword()));
    }

    /** The id of the incident holding the dedup key, once there is one. */
    UUID awaitIncident(String dedupKey) {
        return await().atMost(patience).until(() -> jdbc().sql("SELECT id FROM incident WHERE dedup_key = :key")
                .param("key", dedupKey).query(UUID.class).optional().orElse(null), Objects::nonNull);
    }

    /** Moves the escalation's deadline to the database's now, as if its delay had passed. */
    void dueNow(UUID incident) {
        int moved = jdbc().sql("""
                UPDATE escalation SET due_at = now() WHERE incident_id = :incident AND status IN ('PENDING', 'RUNNING')""")
                .param("incident", incident).update();
        assertThat(moved).as("a running escalation of " + incident).isEqualTo(1);
    }

    /** The incident's escalation row, every column. */
    Map<String, Object> escalation(UUID incident) {
        return jdbc().sql("SELECT * FROM escalation WHERE incident_id = :incident").param("incident", incident)
                .query().singleRow();
    }

    /** The ids of the incident's rows in the page queue, oldest first. */
    List<String> notificationIds(UUID incident) {
        return jdbc().sql("SELECT notification_id FROM notification WHERE incident_id = :incident ORDER BY created_at")
                .param("incident", incident).query(String.class).list();
    }

    /** Until the page queue holds that notification of the incident. */
    void awaitNotification(UUID incident, String notificationId) {
        await().atMost(patience).until(() -> notificationIds(incident).contains(notificationId));
    }
}
