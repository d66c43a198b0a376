package io.ownwatch.registry.team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ChangedMeanwhile;
import io.ownwatch.registry.InUse;
import io.ownwatch.registry.ItemPage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All teams, stored in the {@code team} table with their channels in {@code team_channel}. */
@Repository
public class Teams {

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a team at version 0; throws {@link TeamAlreadyExists} if the id is taken. */
    @Transactional
    public Team add(Team team) {
        int inserted = jdbc.sql("""
                        INSERT INTO team (id, name) VALUES (:id, :name)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", team.id())
                .param("name", team.name())
                .update();
        if (inserted == 0) {
            throw new TeamAlreadyExists(team.id());
        }
        insertChannels(team);
        return team.withVersion(0);
    }

    /**
     * Replaces the team's name and channels, if the team is still at the expected version.
     *
     * @throws TeamNotFound     if there is no such team
     * @throws ChangedMeanwhile if someone changed the team since the caller read it
     */
    @Transactional
    public Team replace(Team team, long expectedVersion) {
        requireVersion(team.id(), expectedVersion);
        long version = jdbc.sql("""
                        UPDATE team SET name = :name, version = version + 1, updated_at = now()
                        WHERE id = :id RETURNING version""")
                .param("id", team.id())
                .param("name", team.name())
                .query(Long.class)
                .single();
        jdbc.sql("DELETE FROM team_channel WHERE team_id = :id").param("id", team.id()).update();
        insertChannels(team);
        return team.withVersion(version);
    }

    /**
     * Deletes the team with its channels and memberships, if it is still at the expected version and
     * owns nothing.
     *
     * @throws TeamNotFound     if there is no such team
     * @throws ChangedMeanwhile if someone changed the team since the caller read it
     * @throws InUse            naming every service, schedule and escalation policy that still names the team
     */
    @Transactional
    public void remove(String id, long expectedVersion) {
        // FOR UPDATE (in requireVersion) waits for, and then blocks, the FOR KEY SHARE of anything being saved with this team.
        requireVersion(id, expectedVersion);
        List<InUse.Reference> references = new ArrayList<>();
        jdbc.sql("""
                        SELECT 'service' AS type, id FROM service WHERE team_id = :id
                        UNION SELECT 'service', service_id FROM service_secondary_team WHERE team_id = :id
                        UNION SELECT 'schedule', id FROM schedule WHERE team_id = :id
                        UNION SELECT 'escalation-policy', id FROM escalation_policy WHERE team_id = :id
                        UNION SELECT 'escalation-policy', policy_id FROM escalation_target WHERE team_id = :id
                        ORDER BY 1, 2""")
                .param("id", id)
                .query((rs, n) -> new InUse.Reference(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(references::add);
        if (!references.isEmpty()) {
            throw new InUse("team", id, references);
        }
        try {
            jdbc.sql("DELETE FROM team WHERE id = :id").param("id", id).update();
        }
        catch (DataIntegrityViolationException refused) {
            // A table added by another feature still names it; the foreign key refused, and the transaction rolls back.
            throw InUse.byForeignKey("team", id, refused);
        }
    }

    @Transactional(readOnly = true)
    public Optional<Team> find(String id) {
        return withChannels(jdbc.sql("SELECT id, name, version FROM team WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name"), List.of(), rs.getLong("version")))
                .list()).stream().findFirst();
    }

    /** Teams ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<Team> list(int page, int size) {
        var items = jdbc.sql("SELECT id, name, version FROM team ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name"), List.of(), rs.getLong("version")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM team").query(Long.class).single();
        return new ItemPage<>(withChannels(items), page, size, total);
    }

    /** Every team with its channels, ordered by id. */
    @Transactional(readOnly = true)
    public List<Team> all() {
        return withChannels(jdbc.sql("SELECT id, name, version FROM team ORDER BY id")
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name"), List.of(), rs.getLong("version")))
                .list());
    }

    /** Every team's members as person ids, ordered; teams without members are absent. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> membersByTeam() {
        Map<String, List<String>> members = new HashMap<>();
        jdbc.sql("SELECT team_id, person_id FROM team_member ORDER BY team_id, person_id")
                .query((rs, n) -> members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return members;
    }

    private List<Team> withChannels(List<Team> teams) {
        if (teams.isEmpty()) {
            return teams;
        }
        Map<String, List<Channel>> channels = new HashMap<>();
        jdbc.sql("SELECT team_id, type, address FROM team_channel WHERE team_id IN (:ids) ORDER BY team_id, position")
                .param("ids", teams.stream().map(Team::id).toList())
                .query((rs, n) -> channels.computeIfAbsent(rs.getString("team_id"), k -> new ArrayList<>())
                        .add(new Channel(ChannelType.valueOf(rs.getString("type")), rs.getString("address"))))
                .list();
        return teams.stream()
                .map(t -> new Team(t.id(), t.name(), channels.getOrDefault(t.id(), List.of()), t.version()))
                .toList();
    }

    private void insertChannels(Team team) {
        for (int position = 0; position < team.channels().size(); position++) {
            Channel channel = team.channels().get(position);
            jdbc.sql("INSERT INTO team_channel (team_id, position, type, address) VALUES (:id, :position, :type, :address)")
                    .param("id", team.id())
                    .param("position", position)
                    .param("type", channel.type().name())
                    .param("address", channel.address())
                    .update();
        }
    }

    private void requireVersion(String id, long expectedVersion) {
        long current = jdbc.sql("SELECT version FROM team WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new TeamNotFound(id));
        if (current != expectedVersion) {
            throw new ChangedMeanwhile("team", id, expectedVersion, current);
        }
    }
}
