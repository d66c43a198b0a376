package io.ownwatch.devstack.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.identity.IdentityProvider;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka, PostgreSQL and Confluent's own schema registry in containers, for checking that our code also works
 * against the real products. There is no identity-provider container: the same embedded {@link IdentityProvider}
 * runs in this JVM (it is a real OIDC provider, and a Keycloak image would add minutes). Kept in its own class so Testcontainers is only loaded when asked for.
 */
final class ContainerInfrastructure implements Infrastructure {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    private static final String POSTGRES_IMAGE = "postgres:18";
    private static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.0.0";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final GenericContainer<?> registry;
    private final IdentityProvider identity;
    private final Set<String> knownDatabases = ConcurrentHashMap.newKeySet();

    private ContainerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres, GenericContainer<?> registry,
            IdentityProvider identity) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
        this.identity = identity;
    }

    static Infrastructure startShared() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new TestAbortedException(TestInfrastructure.MODE_PROPERTY + "=containers needs a Docker engine, and none is available");
        }
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withListener("kafka:19092");
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withNetwork(network);
        GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)))
                .dependsOn(kafka);
        kafka.start();
        postgres.start();
        registry.start();
        java.nio.file.Path identityDirectory;
        try {
            identityDirectory = java.nio.file.Files.createTempDirectory("ownwatch-identity-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create a temporary directory for the identity provider", e);
        }
        IdentityProvider identity = IdentityProvider.start(identityDirectory, 0);
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(kafka, postgres, registry, identity);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "containers-test-shutdown"));
        return infrastructure;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public String issuerUri() {
        return identity.issuerUri();
    }

    IdentityProvider identityProvider() {
        return identity;
    }

    @Override
    public String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + database);
        }
        if (knownDatabases.add(database)) {
            createIfMissing(database);
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
    }

    @Override
    public String databaseUsername() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    private synchronized void createIfMissing(String database) {
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            knownDatabases.remove(database);
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    private void stop() {
        identity.close();
        registry.stop();
        kafka.stop();
        postgres.stop();
    }
}
