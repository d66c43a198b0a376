package io.ownwatch.router.escalation.jdbc;

import io.ownwatch.router.escalation.ContactRule;
import io.ownwatch.router.escalation.NotificationRules;
import io.ownwatch.router.notification.Channel;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Contact rules as rows of {@code notification_rule}, in the order the person gave them. */
@Repository
class JdbcNotificationRules implements NotificationRules {

    private final JdbcClient jdbc;

    JdbcNotificationRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ContactRule> of(String personId) {
        return jdbc.sql("SELECT channel, after_minutes FROM notification_rule WHERE person_id = :person ORDER BY position")
                .param("person", personId)
                .query((rs, row) -> new ContactRule(Channel.valueOf(rs.getString("channel")), rs.getInt("after_minutes")))
                .list();
    }

    @Override
    @Transactional
    public void replace(String personId, List<ContactRule> rules) {
        jdbc.sql("DELETE FROM notification_rule WHERE person_id = :person").param("person", personId).update();
        for (int i = 0; i < rules.size(); i++) {
            jdbc.sql("""
                    INSERT INTO notification_rule (person_id, position, channel, after_minutes)
                    VALUES (:person, :position, :channel, :after)
                    """)
                    .param("person", personId).param("position", i + 1)
                    .param("channel", rules.get(i).channel().name()).param("after", rules.get(i).afterMinutes())
                    .update();
        }
    }
}
