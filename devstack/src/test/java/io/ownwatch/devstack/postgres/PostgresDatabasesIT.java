package io.ownwatch.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.DevStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class PostgresDatabasesIT {

    @Test
    void createsADatabaseOnceEvenWhenAskedConcurrently(Infrastructure infrastructure) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = IntStream.range(0, 8).<Callable<String>>mapToObj(i -> () -> infrastructure.jdbcUrl("concurrent")).toList();
            for (Future<String> url : pool.invokeAll(calls)) {
                assertThat(url.get()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/concurrent");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("concurrent"),
                infrastructure.databaseUsername(), infrastructure.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database(), version()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("concurrent");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 18");
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers(Infrastructure infrastructure) {
        assertThatThrownBy(() -> infrastructure.jdbcUrl("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesSpringThePropertiesItNeeds(Infrastructure infrastructure) {
        assertThat(infrastructure.springProperties("router"))
                .containsOnlyKeys("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                        "spring.cloud.stream.kafka.binder.brokers", "spring.kafka.bootstrap-servers", "schema.registry.url",
                        "ownwatch.security.issuer-uri")
                .containsEntry("spring.datasource.url", infrastructure.jdbcUrl("router"))
                .containsEntry("ownwatch.security.issuer-uri", infrastructure.issuerUri())
                .containsEntry("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers())
                .containsEntry("schema.registry.url", infrastructure.schemaRegistryUrl());
    }
}
