package io.ownwatch.devstack;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ownwatch.devstack.identity.IdentityProvider;
import io.ownwatch.devstack.kafka.EmbeddedKafka;
import io.ownwatch.devstack.postgres.EmbeddedPostgresServer;
import io.ownwatch.devstack.registry.SchemaRegistryServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL, the schema registry and the identity provider, started together in this JVM and bound to
 * 127.0.0.1. Everything is kept under one data directory ({@code kafka/}, {@code postgres/}, {@code identity/}; the
 * registry stores its schemas in PostgreSQL), so a stack started again on the same directory finds every topic,
 * offset, row, schema and the same token-signing key.
 *
 * <pre>{@code
 * try (DevStack stack = DevStack.builder().dataDirectory(Path.of("data")).start()) { ... }
 * }</pre>
 */
public final class DevStack implements Infrastructure, AutoCloseable {

    /** The database holding the schema registry's tables. */
    public static final String REGISTRY_DATABASE = "schema_registry";

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedPostgresServer postgres;
    private volatile boolean postgresRunning = true;
    private final SchemaRegistryServer registry;
    private final IdentityProvider identity;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevStack(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, SchemaRegistryServer registry,
            IdentityProvider identity, Path dataDirectory) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
        this.identity = identity;
        this.dataDirectory = dataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public String issuerUri() {
        return identity.issuerUri();
    }

    /** The embedded identity provider, e.g. for tests that sign tokens it would never issue ({@link IdentityProvider#sign}). */
    public IdentityProvider identityProvider() {
        return identity;
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUsername() {
        return EmbeddedPostgresServer.USERNAME;
    }

    @Override
    public String databasePassword() {
        return EmbeddedPostgresServer.PASSWORD;
    }

    /**
     * Stops the broker alone, as an outage would, keeping its data; {@link #startKafka()} brings it back. For
     * tests that inject the fault: a client sees exactly what a real broker outage shows it.
     */
    public synchronized void stopKafka() {
        if (kafka.isRunning()) {
            kafka.close();
        }
    }

    /** Starts the broker again after {@link #stopKafka()}, on the same port and with the same data. */
    public synchronized void startKafka() {
        if (!kafka.isRunning()) {
            kafka = EmbeddedKafka.start(dataDirectory.resolve("kafka"), kafka.port());
        }
    }

    /**
     * Stops PostgreSQL alone, as a database outage would, keeping its data; {@link #startPostgres()} brings it back
     * on the same port. Connections open at the time break, as they would in a real outage.
     */
    public synchronized void stopPostgres() {
        if (postgresRunning) {
            postgres.close();
            postgresRunning = false;
        }
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}, on the same port and with the same data. */
    public synchronized void startPostgres() {
        if (!postgresRunning) {
            postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgres.port());
            postgresRunning = true;
        }
    }

    /** The PostgreSQL port actually bound (useful when started on port 0). */
    public int postgresPort() {
        return postgres.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the identity provider, the registry, Kafka and PostgreSQL, in that order; a second call does nothing. Data stays in the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {identity, registry, kafka, postgresRunning ? postgres : () -> { }}) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the devstack failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        log.info("Devstack stopped; data kept in {}", dataDirectory);
    }

    /** Configures and starts a {@link DevStack}. Ports default to 0 (any free port). */
    public static final class Builder {

        private Path dataDirectory;
        private int kafkaPort;
        private int postgresPort;
        private int registryPort;
        private int identityPort;

        private Builder() {
        }

        /** Where all state lives; required. The same directory on the next start restores the state. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = checkPort(port);
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = checkPort(port);
            return this;
        }

        public Builder registryPort(int port) {
            this.registryPort = checkPort(port);
            return this;
        }

        /** The identity provider's port; its issuer is {@code http://127.0.0.1:<port>}. */
        public Builder identityPort(int port) {
            this.identityPort = checkPort(port);
            return this;
        }

        /**
         * Starts PostgreSQL, Kafka and the identity provider side by side (they are independent and each spends most of its start-up
         * waiting), then the registry on PostgreSQL. On failure stops whatever had started.
         */
        public DevStack start() {
            Objects.requireNonNull(dataDirectory, "dataDirectory is required");
            Path directory = dataDirectory.toAbsolutePath().normalize();
            LogLevels.quietInfrastructure();
            long started = System.nanoTime();
            ExecutorService kafkaStarter = Executors.newSingleThreadExecutor(task -> new Thread(task, "devstack-kafka-start"));
            Future<EmbeddedKafka> kafkaStart = kafkaStarter.submit(() -> EmbeddedKafka.start(directory.resolve("kafka"), kafkaPort));
            kafkaStarter.shutdown();
            ExecutorService identityStarter = Executors.newSingleThreadExecutor(task -> new Thread(task, "devstack-identity-start"));
            Future<IdentityProvider> identityStart = identityStarter.submit(() -> IdentityProvider.start(directory.resolve("identity"), identityPort));
            identityStarter.shutdown();
            boolean identityAwaited = false;
            Deque<AutoCloseable> running = new ArrayDeque<>();
            boolean kafkaAwaited = false;
            try {
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), postgresPort);
                running.push(postgres);
                long postgresUp = System.nanoTime();
                kafkaAwaited = true;
                EmbeddedKafka kafka = await(kafkaStart);
                running.push(kafka);
                long kafkaUp = System.nanoTime();
                SchemaRegistryServer registry = SchemaRegistryServer.start(postgres.dataSource(REGISTRY_DATABASE), registryPort);
                running.push(registry);
                identityAwaited = true;
                IdentityProvider identity = await(identityStart);
                DevStack stack = new DevStack(kafka, postgres, registry, identity, directory);
                log.info("Devstack up in {} ms (PostgreSQL after {} ms, Kafka after {} ms): Kafka {}, PostgreSQL 127.0.0.1:{}, "
                                + "schema registry {}, identity provider {}, data in {}",
                        millis(started, System.nanoTime()), millis(started, postgresUp), millis(started, kafkaUp),
                        stack.kafkaBootstrapServers(), postgres.port(), stack.schemaRegistryUrl(), stack.issuerUri(), directory);
                return stack;
            } catch (RuntimeException e) {
                if (!kafkaAwaited) {
                    // PostgreSQL failed while Kafka was still starting: wait for it, so it can be stopped too.
                    try {
                        running.push(await(kafkaStart));
                    } catch (RuntimeException kafkaFailure) {
                        e.addSuppressed(kafkaFailure);
                    }
                }
                if (!identityAwaited) {
                    try {
                        running.push(await(identityStart));
                    } catch (RuntimeException identityFailure) {
                        e.addSuppressed(identityFailure);
                    }
                }
                while (!running.isEmpty()) {
                    try {
                        running.pop().close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private static <T> T await(Future<T> start) {
            try {
                return start.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException("A devstack part failed to start", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the devstack", e);
            }
        }

        private static long millis(long from, long to) {
            return (to - from) / 1_000_000;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }
    }
}
