package io.ownwatch.devstack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from zonky's embedded binaries. Its data directory is kept between runs, so
 * databases and rows survive a restart on the same directory. Authentication is trust, so any password works.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static final String HOST = "127.0.0.1";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    // SQLSTATEs for "already exists", which a concurrent creator (another JVM) can cause.
    private static final Set<String> ALREADY_EXISTS = Set.of("42P04", "23505");

    private final EmbeddedPostgres postgres;
    private final Set<String> knownDatabases = ConcurrentHashMap.newKeySet();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL with its data in {@code directory}, running initdb only when the directory holds no
     * cluster yet.
     *
     * @param port the port, 0 for any free port
     */
    public static EmbeddedPostgresServer start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", HOST)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Whoever started the server stops it, after the services on top of it: a hook of its own would
                    // stop PostgreSQL the moment the JVM begins to exit, under services still finishing their work.
                    .setRegisterShutdownHook(false);
            if (port != 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + directory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates {@code database} if it does not exist yet and returns its JDBC URL. */
    public String jdbcUrl(String database) {
        ensureDatabase(database);
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** A non-pooling data source on {@code database}, creating the database first if needed. */
    public DataSource dataSource(String database) {
        ensureDatabase(database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USERNAME);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    private void ensureDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            // The name ends up in a CREATE DATABASE statement, which takes no bind parameters.
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + database);
        }
        if (knownDatabases.contains(database)) {
            return;
        }
        synchronized (knownDatabases) {
            if (knownDatabases.contains(database)) {
                return;
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                if (!exists(connection, database)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + database);
                    } catch (SQLException e) {
                        if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create database " + database, e);
            }
            knownDatabases.add(database);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        }
    }
}
