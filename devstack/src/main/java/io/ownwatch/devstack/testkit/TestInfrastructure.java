package io.ownwatch.devstack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.Infrastructure;

/**
 * The infrastructure integration tests run against, started once per JVM and shared by every test in it.
 * By default a {@link DevStack} on free ports with a temporary data directory (removed at JVM exit). With
 * {@code -Downwatch.test.infra=containers}, Kafka, PostgreSQL and Confluent's schema registry in Docker
 * containers instead; without Docker those tests are then skipped, not failed.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.get().springProperties("router").forEach((k, v) -> registry.add(k, () -> v));
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    /** System property choosing the implementation: {@code devstack} (default) or {@code containers}. */
    public static final String MODE_PROPERTY = "ownwatch.test.infra";

    private static Infrastructure shared;
    private static Tokens tokens;

    private TestInfrastructure() {
    }

    /** The JVM-wide infrastructure, started on first use. */
    public static synchronized Infrastructure get() {
        if (shared == null) {
            shared = "containers".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "devstack"))
                    ? ContainerInfrastructure.startShared()
                    : startDevStack();
        }
        return shared;
    }

    /** Tokens from the shared infrastructure's identity provider, cached per person for the whole JVM. */
    public static synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = new Tokens(get());
        }
        return tokens;
    }

    private static Infrastructure startDevStack() {
        Path directory;
        try {
            directory = Files.createTempDirectory("ownwatch-devstack-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
        DevStack stack = DevStack.builder().dataDirectory(directory).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } finally {
                deleteRecursively(directory);
            }
        }, "devstack-test-shutdown"));
        return stack;
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at JVM exit: a leftover temp directory is harmless.
        }
    }
}
