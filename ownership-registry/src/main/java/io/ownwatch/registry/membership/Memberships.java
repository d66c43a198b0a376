package io.ownwatch.registry.membership;

import java.util.List;

import io.ownwatch.registry.person.People;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.person.PersonNotFound;
import io.ownwatch.registry.team.Team;
import io.ownwatch.registry.team.TeamNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Who belongs to which team, stored in the {@code team_member} table. */
@Repository
public class Memberships {

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the person a member of the team; doing it again changes nothing.
     *
     * @return whether the person was not a member before
     * @throws TeamNotFound   if the team does not exist
     * @throws PersonNotFound if the person does not exist
     */
    @Transactional
    public boolean join(String teamId, String personId) {
        // FOR KEY SHARE keeps team and person from disappearing between these checks and the insert.
        requireTeam(teamId, " FOR KEY SHARE");
        requirePerson(personId, " FOR KEY SHARE");
        return jdbc.sql("""
                        INSERT INTO team_member (team_id, person_id) VALUES (:teamId, :personId)
                        ON CONFLICT (team_id, person_id) DO NOTHING""")
                .param("teamId", teamId)
                .param("personId", personId)
                .update() == 1;
    }

    /**
     * Removes the person from the team; removing a non-member changes nothing.
     *
     * @return whether the person was a member before
     * @throws TeamNotFound   if the team does not exist
     * @throws PersonNotFound if the person does not exist
     */
    @Transactional
    public boolean leave(String teamId, String personId) {
        requireTeam(teamId, "");
        requirePerson(personId, "");
        return jdbc.sql("DELETE FROM team_member WHERE team_id = :teamId AND person_id = :personId")
                .param("teamId", teamId)
                .param("personId", personId)
                .update() == 1;
    }

    /** The team's members ordered by id; throws {@link TeamNotFound} if the team does not exist. */
    @Transactional(readOnly = true)
    public List<Person> members(String teamId) {
        requireTeam(teamId, "");
        return jdbc.sql("""
                        SELECT p.id, p.name, p.email, p.slack, p.slack_webhook, p.phone, p.version
                        FROM team_member m JOIN person p ON p.id = m.person_id
                        WHERE m.team_id = :teamId ORDER BY p.id""")
                .param("teamId", teamId)
                .query(People::person)
                .list();
    }

    /** The person's teams ordered by id; throws {@link PersonNotFound} if the person does not exist. */
    @Transactional(readOnly = true)
    public List<Team> teamsOf(String personId) {
        requirePerson(personId, "");
        return jdbc.sql("""
                        SELECT t.id, t.name
                        FROM team_member m JOIN team t ON t.id = m.team_id
                        WHERE m.person_id = :personId ORDER BY t.id""")
                .param("personId", personId)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name")))
                .list();
    }

    /** Whether the person belongs to the team; unknown people and teams simply are not members. */
    @Transactional(readOnly = true)
    public boolean isMember(String personId, String teamId) {
        return jdbc.sql("SELECT 1 FROM team_member WHERE team_id = :teamId AND person_id = :personId")
                .param("teamId", teamId)
                .param("personId", personId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    private void requireTeam(String teamId, String lock) {
        if (jdbc.sql("SELECT 1 FROM team WHERE id = :id" + lock).param("id", teamId).query(Integer.class).optional().isEmpty()) {
            throw new TeamNotFound(teamId);
        }
    }

    private void requirePerson(String personId, String lock) {
        if (jdbc.sql("SELECT 1 FROM person WHERE id = :id" + lock).param("id", personId).query(Integer.class).optional().isEmpty()) {
            throw new PersonNotFound(personId);
        }
    }
}
