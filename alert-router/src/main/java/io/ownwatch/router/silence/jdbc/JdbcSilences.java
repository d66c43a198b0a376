package io.ownwatch.router.silence.jdbc;

import io.ownwatch.router.silence.Matcher;
import io.ownwatch.router.silence.Silence;
import io.ownwatch.router.silence.Silences;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcSilences implements Silences {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcSilences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Silence silence) {
        jdbc.sql("""
                insert into silence (id, matchers, starts_at, ends_at, author, reason, comment, created_at, expired_at)
                values (:id, cast(:matchers as jsonb), :startsAt, :endsAt, :author, :reason, :comment, :createdAt, :expiredAt)
                """)
                .param("id", silence.id())
                .param("matchers", JSON.writeValueAsString(silence.matchers()))
                .param("startsAt", Timestamp.from(silence.startsAt()))
                .param("endsAt", Timestamp.from(silence.endsAt()))
                .param("author", silence.author())
                .param("reason", silence.reason())
                .param("comment", silence.comment())
                .param("createdAt", Timestamp.from(silence.createdAt()))
                .param("expiredAt", silence.expiredAt() == null ? null : Timestamp.from(silence.expiredAt()))
                .update();
    }

    @Override
    public Optional<Silence> findById(UUID id) {
        return jdbc.sql("select * from silence where id = :id").param("id", id).query(JdbcSilences::silence).optional();
    }

    @Override
    public List<Silence> activeAt(Instant at) {
        return jdbc.sql("""
                select * from silence
                where starts_at <= :at and ends_at > :at and (expired_at is null or expired_at > :at)
                order by created_at, id
                """)
                .param("at", Timestamp.from(at))
                .query(JdbcSilences::silence)
                .list();
    }

    @Override
    public List<Silence> all() {
        return jdbc.sql("select * from silence order by created_at desc, id").query(JdbcSilences::silence).list();
    }

    @Override
    public void expire(UUID id, Instant at) {
        jdbc.sql("update silence set expired_at = :at where id = :id")
                .param("id", id)
                .param("at", Timestamp.from(at))
                .update();
    }

    @Override
    public long nextSequence(UUID id) {
        return jdbc.sql("update silence set next_sequence = next_sequence + 1 where id = :id returning next_sequence - 1")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private static Silence silence(ResultSet rs, int row) throws SQLException {
        Timestamp expiredAt = rs.getTimestamp("expired_at");
        return new Silence(
                rs.getObject("id", UUID.class),
                JSON.readValue(rs.getString("matchers"), MATCHERS),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getString("author"),
                rs.getString("reason"),
                rs.getString("comment"),
                rs.getTimestamp("created_at").toInstant(),
                expiredAt == null ? null : expiredAt.toInstant(),
                rs.getLong("next_sequence"));
    }
}
