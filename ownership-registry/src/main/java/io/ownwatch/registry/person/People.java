package io.ownwatch.registry.person;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ownwatch.registry.ChangedMeanwhile;
import io.ownwatch.registry.InUse;
import io.ownwatch.registry.ItemPage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All people, stored in the {@code person} table. */
@Repository
public class People {

    private static final String COLUMNS = "id, name, email, slack, slack_webhook, phone, version";

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a person at version 0; throws {@link PersonAlreadyExists} if the id is taken. */
    @Transactional
    public Person add(Person person) {
        int inserted = jdbc.sql("""
                        INSERT INTO person (id, name, email, slack, slack_webhook, phone)
                        VALUES (:id, :name, :email, :slack, :slackWebhook, :phone)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", person.id())
                .param("name", person.name())
                .param("email", person.email())
                .param("slack", person.slack())
                .param("slackWebhook", person.slackWebhook())
                .param("phone", person.phone())
                .update();
        if (inserted == 0) {
            throw new PersonAlreadyExists(person.id());
        }
        return person.withVersion(0);
    }

    /**
     * Replaces the person's name and contact data, if the person is still at the expected version.
     *
     * @throws PersonNotFound    if there is no such person
     * @throws ChangedMeanwhile  if someone changed the person since the caller read it
     */
    @Transactional
    public Person replace(Person person, long expectedVersion) {
        requireVersion(person.id(), expectedVersion);
        long version = jdbc.sql("""
                        UPDATE person SET name = :name, email = :email, slack = :slack, slack_webhook = :slackWebhook,
                               phone = :phone, version = version + 1, updated_at = now()
                        WHERE id = :id RETURNING version""")
                .param("id", person.id())
                .param("name", person.name())
                .param("email", person.email())
                .param("slack", person.slack())
                .param("slackWebhook", person.slackWebhook())
                .param("phone", person.phone())
                .query(Long.class)
                .single();
        return person.withVersion(version);
    }

    /**
     * Deletes the person and their team memberships, if the person is still at the expected version and
     * no schedule or escalation policy names them.
     *
     * @throws PersonNotFound    if there is no such person
     * @throws ChangedMeanwhile  if someone changed the person since the caller read it
     * @throws InUse             naming every schedule and policy that still pages the person
     */
    @Transactional
    public void remove(String id, long expectedVersion) {
        // FOR UPDATE (in requireVersion) waits for, and then blocks, the FOR KEY SHARE of a schedule or policy being saved.
        requireVersion(id, expectedVersion);
        List<InUse.Reference> references = new ArrayList<>();
        jdbc.sql("""
                        SELECT schedule_id FROM schedule_layer_participant WHERE person_id = :id
                        UNION SELECT schedule_id FROM schedule_override WHERE person_id = :id
                        ORDER BY 1""")
                .param("id", id)
                .query(String.class)
                .list()
                .forEach(schedule -> references.add(new InUse.Reference("schedule", schedule)));
        jdbc.sql("SELECT DISTINCT policy_id FROM escalation_target WHERE person_id = :id ORDER BY policy_id")
                .param("id", id)
                .query(String.class)
                .list()
                .forEach(policy -> references.add(new InUse.Reference("escalation-policy", policy)));
        if (!references.isEmpty()) {
            throw new InUse("person", id, references);
        }
        try {
            jdbc.sql("DELETE FROM person WHERE id = :id").param("id", id).update();
        }
        catch (DataIntegrityViolationException refused) {
            // A table added by another feature still names it; the foreign key refused, and the transaction rolls back.
            throw InUse.byForeignKey("person", id, refused);
        }
    }

    @Transactional(readOnly = true)
    public Optional<Person> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE id = :id")
                .param("id", id)
                .query(People::person)
                .optional();
    }

    /** People ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<Person> list(int page, int size) {
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM person ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(People::person)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Every person, ordered by id. */
    @Transactional(readOnly = true)
    public List<Person> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM person ORDER BY id").query(People::person).list();
    }

    /**
     * Maps a row with at least the columns id, name, email and slack; other features reading people use it
     * too. The contact columns slack_webhook and phone, and version, are read when the query selects them.
     */
    public static Person person(ResultSet rs, int n) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        boolean full = false;
        boolean versioned = false;
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            String label = meta.getColumnLabel(column);
            full |= "phone".equalsIgnoreCase(label);
            versioned |= "version".equalsIgnoreCase(label);
        }
        return new Person(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("slack"),
                full ? rs.getString("slack_webhook") : null, full ? rs.getString("phone") : null,
                versioned ? rs.getLong("version") : 0);
    }

    private void requireVersion(String id, long expectedVersion) {
        long current = jdbc.sql("SELECT version FROM person WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new PersonNotFound(id));
        if (current != expectedVersion) {
            throw new ChangedMeanwhile("person", id, expectedVersion, current);
        }
    }
}
