package io.ownwatch.registry.person;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.ownwatch.registry.ItemPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All people, stored in the {@code person} table. */
@Repository
public class People {

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a person; throws {@link PersonAlreadyExists} if the id is taken. */
    @Transactional
    public Person add(Person person) {
        int inserted = jdbc.sql("""
                        INSERT INTO person (id, name, email, slack) VALUES (:id, :name, :email, :slack)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", person.id())
                .param("name", person.name())
                .param("email", person.email())
                .param("slack", person.slack())
                .update();
        if (inserted == 0) {
            throw new PersonAlreadyExists(person.id());
        }
        return person;
    }

    /** Replaces a person's name and contacts; throws {@link PersonNotFound} if there is none with this id. */
    @Transactional
    public Person replace(Person person) {
        int updated = jdbc.sql("""
                        UPDATE person SET name = :name, email = :email, slack = :slack, version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .param("id", person.id())
                .param("name", person.name())
                .param("email", person.email())
                .param("slack", person.slack())
                .update();
        if (updated == 0) {
            throw new PersonNotFound(person.id());
        }
        return person;
    }

    @Transactional(readOnly = true)
    public Optional<Person> find(String id) {
        return jdbc.sql("SELECT id, name, email, slack FROM person WHERE id = :id")
                .param("id", id)
                .query(People::person)
                .optional();
    }

    /** People ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<Person> list(int page, int size) {
        var items = jdbc.sql("SELECT id, name, email, slack FROM person ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(People::person)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Maps a row with the columns id, name, email and slack; other features reading people use it too. */
    public static Person person(ResultSet rs, int n) throws SQLException {
        return new Person(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("slack"));
    }
}
