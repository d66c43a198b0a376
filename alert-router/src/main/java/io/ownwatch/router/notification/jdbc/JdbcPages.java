package io.ownwatch.router.notification.jdbc;

import io.ownwatch.router.notification.Page;
import io.ownwatch.router.notification.Pages;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Pages as rows of {@code notification}, due at once; the delivery worker takes them from there. */
@Repository
class JdbcPages implements Pages {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;

    JdbcPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Page page, Duration delay) {
        return jdbc.sql("""
                INSERT INTO notification (notification_id, incident_id, team_id, person_id, channel, address, kind,
                                          level, details, next_attempt_at)
                VALUES (:id, :incident, :team, :person, :channel, :address, :kind, :level, CAST(:details AS jsonb),
                        now() + make_interval(secs => :delay))
                ON CONFLICT (notification_id) DO NOTHING
                """)
                .param("id", page.notificationId())
                .param("incident", page.incidentId())
                .param("team", page.teamId())
                .param("person", page.personId())
                .param("channel", page.channel().name())
                .param("address", page.address())
                .param("kind", page.kind().name())
                .param("level", page.level())
                .param("details", JSON.writeValueAsString(page.details()))
                .param("delay", delay.toMillis() / 1000.0)
                .update() == 1;
    }
}
