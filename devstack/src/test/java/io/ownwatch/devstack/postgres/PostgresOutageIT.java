package io.ownwatch.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.ownwatch.devstack.DevStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database outage switch other modules' fault-injection tests rely on behaves like a real outage. */
class PostgresOutageIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aStoppedDatabaseRefusesConnectionsAndComesBackOnTheSamePortWithItsRows() throws Exception {
        try (DevStack stack = DevStack.builder().dataDirectory(dataDirectory).start()) {
            String url = stack.jdbcUrl("outage");
            try (Connection connection = connect(stack, url); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (text text)");
                statement.execute("INSERT INTO note VALUES ('before')");
            }

            stack.stopPostgres();
            assertThatThrownBy(() -> connect(stack, url).close()).isInstanceOf(SQLException.class);

            stack.startPostgres();
            assertThat(stack.jdbcUrl("outage")).isEqualTo(url);
            try (Connection connection = connect(stack, url); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT text FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("before");
            }
        }
    }

    private static Connection connect(DevStack stack, String url) throws SQLException {
        return DriverManager.getConnection(url, stack.databaseUsername(), stack.databasePassword());
    }
}
