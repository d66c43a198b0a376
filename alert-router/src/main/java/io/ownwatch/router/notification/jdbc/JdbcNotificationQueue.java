package io.ownwatch.router.notification.jdbc;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.NotificationQueue;
import io.ownwatch.router.notification.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims with {@code FOR UPDATE SKIP LOCKED} and a lease token: concurrent workers on any number of instances each
 * take different rows, and a row stays hidden (its {@code next_attempt_at} pushed past the lease) while it is sent.
 */
@Repository
class JdbcNotificationQueue implements NotificationQueue {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcNotificationQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Claimed claim(int max, Duration lease) {
        List<Due> due = jdbc.sql("""
                SELECT n.*, i.status AS incident_status
                FROM notification n LEFT JOIN incident i ON i.id = n.incident_id
                WHERE n.status = 'PENDING' AND n.next_attempt_at <= now()
                ORDER BY n.next_attempt_at
                LIMIT :max
                FOR UPDATE OF n SKIP LOCKED
                """)
                .param("max", max)
                .query((rs, row) -> new Due(page(rs), rs.getInt("attempts"), rs.getString("incident_status")))
                .list();
        List<Claim> toSend = new ArrayList<>();
        List<Page> cancelled = new ArrayList<>();
        for (Due row : due) {
            if (row.page().kind() == Page.Kind.PERSON_PAGE && row.incidentStatus() != null
                    && !"OPEN".equals(row.incidentStatus())) {
                jdbc.sql("""
                        UPDATE notification SET status = 'CANCELLED', lease_token = NULL, last_error = :reason
                        WHERE notification_id = :id
                        """)
                        .param("id", row.page().notificationId())
                        .param("reason", "incident " + row.incidentStatus().toLowerCase() + " before the page was sent")
                        .update();
                cancelled.add(row.page());
                continue;
            }
            UUID token = UUID.randomUUID();
            jdbc.sql("""
                    UPDATE notification SET lease_token = :token, next_attempt_at = now() + make_interval(secs => :lease)
                    WHERE notification_id = :id
                    """)
                    .param("id", row.page().notificationId())
                    .param("token", token)
                    .param("lease", seconds(lease))
                    .update();
            toSend.add(new Claim(row.page(), token, row.attempts()));
        }
        return new Claimed(toSend, cancelled);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markSent(Claim claim) {
        return jdbc.sql("""
                UPDATE notification
                SET status = 'SENT', sent_at = now(), attempts = attempts + 1, lease_token = NULL, last_error = NULL
                WHERE notification_id = :id AND lease_token = :token AND status = 'PENDING'
                """)
                .param("id", claim.page().notificationId())
                .param("token", claim.lease())
                .update() == 1;
    }

    @Override
    @Transactional
    public boolean reschedule(Claim claim, Duration delay, String error, boolean attempted) {
        return jdbc.sql("""
                UPDATE notification
                SET attempts = attempts + :counted, next_attempt_at = now() + make_interval(secs => :delay),
                    last_error = :error, lease_token = NULL
                WHERE notification_id = :id AND lease_token = :token AND status = 'PENDING'
                """)
                .param("id", claim.page().notificationId())
                .param("token", claim.lease())
                .param("counted", attempted ? 1 : 0)
                .param("delay", seconds(delay))
                .param("error", error)
                .update() == 1;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markFailed(Claim claim, String error) {
        return jdbc.sql("""
                UPDATE notification
                SET status = 'FAILED', attempts = attempts + 1, last_error = :error, lease_token = NULL
                WHERE notification_id = :id AND lease_token = :token AND status = 'PENDING'
                """)
                .param("id", claim.page().notificationId())
                .param("token", claim.lease())
                .param("error", error)
                .update() == 1;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Page page(ResultSet rs) throws SQLException {
        return new Page(rs.getString("notification_id"), rs.getObject("incident_id", UUID.class),
                rs.getString("team_id"), rs.getString("person_id"), Channel.valueOf(rs.getString("channel")),
                rs.getString("address"), Page.Kind.valueOf(rs.getString("kind")), rs.getInt("level"),
                JSON.readValue(rs.getString("details"), STRING_MAP));
    }

    private record Due(Page page, int attempts, String incidentStatus) {
    }
}
