package io.ownwatch.router;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry of a test class's own on a port fixed for the class, so that a test may {@link #stop()} it (the
 * registry is down) and {@link #start()} it again on the same address. Registered as a static
 * {@code @RegisterExtension} field: started before the class's {@code @BeforeAll} methods, back after any test that
 * left it stopped, closed after the class's {@code @AfterAll} methods.
 */
final class RestartableRegistry implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {

    private final int port = RegistryForTests.freePort();
    private RegistryForTests running;

    /** One a test starts and closes itself (try-with-resources), outside the extension's life cycle. */
    static RestartableRegistry started() {
        RestartableRegistry registry = new RestartableRegistry();
        registry.start();
        return registry;
    }

    /** Where the registry answers, running or not (a router is configured with it before it starts). */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The running registry. */
    RegistryForTests get() {
        if (running == null) {
            throw new IllegalStateException("the registry is stopped");
        }
        return running;
    }

    /** Starts it unless it runs. */
    void start() {
        if (running == null) {
            running = RegistryForTests.start(port);
        }
    }

    void stop() {
        get().close();
        running = null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops it if it runs. */
    @Override
    public void close() {
        if (running != null) {
            stop();
        }
    }
}
