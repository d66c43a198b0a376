package io.ownwatch.registry.ownership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ItemPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All services and their matchers, stored in the {@code service} and {@code label_matcher} tables. */
@Repository
public class OwnedServices {

    private static final String SELECT = """
            SELECT s.id, s.name, s.team_id, s.tier, s.version, m.label, m.op, m.value
            FROM service s JOIN label_matcher m ON m.service_id = s.id
            """;

    private final JdbcClient jdbc;

    OwnedServices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a service with its matchers in one transaction.
     *
     * @throws UnknownTeam           if the owning team does not exist
     * @throws ServiceAlreadyExists  if the id is taken
     */
    @Transactional
    public OwnedService add(OwnedService service) {
        // FOR KEY SHARE keeps the team from disappearing between this check and the insert.
        boolean teamExists = jdbc.sql("SELECT 1 FROM team WHERE id = :id FOR KEY SHARE")
                .param("id", service.teamId())
                .query(Integer.class)
                .optional()
                .isPresent();
        if (!teamExists) {
            throw new UnknownTeam(service.teamId());
        }
        int inserted = jdbc.sql("""
                        INSERT INTO service (id, name, team_id, tier, version) VALUES (:id, :name, :teamId, :tier, 0)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", service.id())
                .param("name", service.name())
                .param("teamId", service.teamId())
                .param("tier", service.tier())
                .update();
        if (inserted == 0) {
            throw new ServiceAlreadyExists(service.id());
        }
        int position = 0;
        for (LabelMatcher matcher : service.labelMatchers()) {
            jdbc.sql("""
                            INSERT INTO label_matcher (service_id, position, label, op, value)
                            VALUES (:serviceId, :position, :label, :op, :value)""")
                    .param("serviceId", service.id())
                    .param("position", position++)
                    .param("label", matcher.label())
                    .param("op", matcher.op().name())
                    .param("value", matcher.value())
                    .update();
        }
        return new OwnedService(service.id(), service.name(), service.teamId(), service.tier(),
                service.labelMatchers(), 0);
    }

    @Transactional(readOnly = true)
    public Optional<OwnedService> find(String id) {
        return assemble(jdbc.sql(SELECT + " WHERE s.id = :id ORDER BY m.position")
                .param("id", id)
                .query(Row::of)
                .list()).stream().findFirst();
    }

    /** Services ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<OwnedService> list(int page, int size) {
        List<OwnedService> items = assemble(jdbc.sql("""
                        WITH page AS (SELECT id FROM service ORDER BY id LIMIT :limit OFFSET :offset)
                        """ + SELECT + " WHERE s.id IN (SELECT id FROM page) ORDER BY s.id, m.position")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(Row::of)
                .list());
        long total = jdbc.sql("SELECT count(*) FROM service").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Every service: the candidates for resolving an alert's owner. */
    @Transactional(readOnly = true)
    public List<OwnedService> all() {
        return assemble(jdbc.sql(SELECT + " ORDER BY s.id, m.position").query(Row::of).list());
    }

    /** One joined row: a service with one of its matchers. */
    private record Row(String id, String name, String teamId, String tier, long version, LabelMatcher matcher) {

        static Row of(ResultSet rs, int n) throws SQLException {
            return new Row(rs.getString("id"), rs.getString("name"), rs.getString("team_id"), rs.getString("tier"),
                    rs.getLong("version"),
                    new LabelMatcher(rs.getString("label"), MatchOp.valueOf(rs.getString("op")), rs.getString("value")));
        }
    }

    private static List<OwnedService> assemble(List<Row> rows) {
        Map<String, List<Row>> byService = new LinkedHashMap<>();
        rows.forEach(row -> byService.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(row));
        return byService.values().stream().map(group -> {
            Row first = group.get(0);
            return new OwnedService(first.id(), first.name(), first.teamId(), first.tier(),
                    group.stream().map(Row::matcher).toList(), first.version());
        }).toList();
    }
}
