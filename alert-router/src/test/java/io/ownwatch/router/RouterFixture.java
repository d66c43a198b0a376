package io.ownwatch.router;

import java.time.Duration;
import java.util.UUID;

import io.ownwatch.events.AlertEvent;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A router a test class starts for itself on the shared test infrastructure ({@link RouterForTests}), with what the
 * tests do to it: alerts onto its own topic, its HTTP API, its database. The database {@code router_<name>_<run>} and
 * the topic {@code alerts-<name>-<run>} are the class's own, so no other router in the JVM takes its alerts or its
 * escalation steps.
 *
 * @param router   the running router
 * @param alerts   the topic it consumes alerts from
 * @param database its database
 * @param api      its HTTP API
 */
record RouterFixture(RouterForTests router, String alerts, RouterDatabase database, RouterApi api)
        implements AutoCloseable {

    /**
     * Starts a router asking the registry at {@code registryUrl}.
     *
     * @param name      what the class's database and topic are named by ({@code esc}, {@code lvl})
     * @param run       this run's id, so a run never meets an earlier run's rows
     * @param patience  how long an awaited outcome may take
     * @param arguments further {@code --key=value} settings
     */
    static RouterFixture start(String name, String run, Duration patience, String registryUrl, String... arguments) {
        return on("router_" + name + "_" + run.replace('-', '_'), "alerts-" + name + "-" + run, patience,
                registryUrl, arguments);
    }

    private static RouterFixture on(String database, String alerts, Duration patience, String registryUrl,
            String... arguments) {
        RouterForTests router = RouterForTests.start(database, alerts, registryUrl, arguments);
        return new RouterFixture(router, alerts, new RouterDatabase(database, patience),
                RouterApi.at(router.baseUrl()).patience(patience));
    }

    /** Another router beside this one, on a database and topic of its own named after this one's and the suffix. */
    RouterFixture beside(String suffix, String registryUrl, String... arguments) {
        return on(database.name() + "_" + suffix, alerts + "-" + suffix, database.patience(), registryUrl, arguments);
    }

    /** Another router on this one's database and topic (two instances, or a restart). */
    RouterFixture again(String registryUrl, String... arguments) {
        return on(database.name(), alerts, database.patience(), registryUrl, arguments);
    }

    /** Sends the alerts onto this router's topic, in order. */
    void send(AlertEvent... events) {
        AvroTopics.alerts(alerts, events);
    }

    /** Sends the alert and returns the incident it opened (or joined), once there is one. */
    UUID open(AlertEvent alert) {
        send(alert);
        return database.awaitIncident(alert.getDedupKey());
    }

    @Override
    public void close() {
        router.close();
    }

    /**
     * The router of a test class, as a static {@code @RegisterExtension} field: the class {@link #start starts} it in
     * its {@code @BeforeAll}, once the registry knows what the router will ask, and the extension closes it after the
     * class's tests (before any extension registered earlier, such as the class's registry, is closed).
     */
    static final class PerClass implements AfterAllCallback {

        private RouterFixture started;

        /** See {@link RouterFixture#start(String, String, Duration, String, String...)}. */
        RouterFixture start(String name, String run, Duration patience, String registryUrl, String... arguments) {
            started = RouterFixture.start(name, run, patience, registryUrl, arguments);
            return started;
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (started != null) {
                started.close();
            }
        }
    }
}
