package io.ownwatch.registry.team;

import java.util.Optional;

import io.ownwatch.registry.ItemPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All teams, stored in the {@code team} table. */
@Repository
public class Teams {

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a team; throws {@link TeamAlreadyExists} if the id is taken. */
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
        return team;
    }

    /** Renames a team; throws {@link TeamNotFound} if there is none with this id. */
    @Transactional
    public Team rename(Team team) {
        int updated = jdbc.sql("UPDATE team SET name = :name, version = version + 1, updated_at = now() WHERE id = :id")
                .param("id", team.id())
                .param("name", team.name())
                .update();
        if (updated == 0) {
            throw new TeamNotFound(team.id());
        }
        return team;
    }

    @Transactional(readOnly = true)
    public Optional<Team> find(String id) {
        return jdbc.sql("SELECT id, name FROM team WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name")))
                .optional();
    }

    /** Teams ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<Team> list(int page, int size) {
        var items = jdbc.sql("SELECT id, name FROM team ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Team(rs.getString("id"), rs.getString("name")))
                .list();
        long total = jdbc.sql("SELECT count(*) FROM team").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }
}
