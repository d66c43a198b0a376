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

import io.ownwatch.devstack.kafka.EmbeddedKafka;
import io.ownwatch.devstack.postgres.EmbeddedPostgresServer;
import io.ownwatch.devstack.registry.SchemaRegistryServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and the schema registry, started together in this JVM and bound to 127.0.0.1. Everything
 * is kept under one data directory ({@code kafka/}, {@code postgres/}; the registry stores its schemas in
 * PostgreSQL), so a stack started again on the same directory finds every topic, offset, row and schema.
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
    private final EmbeddedPostgresServer postgres;
    private final SchemaRegistryServer registry;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevStack(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, SchemaRegistryServer registry, Path dataDirectory) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
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

    /** The PostgreSQL port actually bound (useful when started on port 0). */
    public int postgresPort() {
        return postgres.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the registry, Kafka and PostgreSQL, in that order; a second call does nothing. Data stays in the data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {registry, kafka, postgres}) {
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

        /**
         * Starts PostgreSQL and Kafka side by side (they are independent and each spends most of its start-up
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
                DevStack stack = new DevStack(kafka, postgres, registry, directory);
                log.info("Devstack up in {} ms (PostgreSQL after {} ms, Kafka after {} ms): Kafka {}, PostgreSQL 127.0.0.1:{}, "
                                + "schema registry {}, data in {}",
                        millis(started, System.nanoTime()), millis(started, postgresUp), millis(started, kafkaUp),
                        stack.kafkaBootstrapServers(), postgres.port(), stack.schemaRegistryUrl(), directory);
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

        private static EmbeddedKafka await(Future<EmbeddedKafka> start) {
            try {
                return start.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException("Kafka failed to start", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting Kafka", e);
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
