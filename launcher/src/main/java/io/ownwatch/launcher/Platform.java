package io.ownwatch.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.executor.RemediationExecutorApplication;
import io.ownwatch.registry.OwnershipRegistryApplication;
import io.ownwatch.router.AlertRouterApplication;
import io.ownwatch.timeline.IncidentTimelineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services running side by side in this JVM, each in its own Spring context with its own
 * database, talking to each other only through Kafka and HTTP, exactly as they would apart.
 */
public final class Platform implements AutoCloseable {

    /** The services, in the order they start: the registry first, because the router calls it. */
    public enum Service {
        OWNERSHIP_REGISTRY(OwnershipRegistryApplication.class, OwnershipRegistryApplication.CONFIG_NAME, "registry"),
        INCIDENT_TIMELINE(IncidentTimelineApplication.class, IncidentTimelineApplication.CONFIG_NAME, "timeline"),
        REMEDIATION_EXECUTOR(RemediationExecutorApplication.class, RemediationExecutorApplication.CONFIG_NAME, "executor"),
        ALERT_ROUTER(AlertRouterApplication.class, AlertRouterApplication.CONFIG_NAME, "router");

        private final Class<?> application;
        private final String configName;
        private final String database;

        Service(Class<?> application, String configName, String database) {
            this.application = application;
            this.configName = configName;
            this.database = database;
        }

        public String displayName() {
            return configName;
        }
    }

    /** The router's own address as people reach it, for the links in notifications. */
    private static final String PUBLIC_URL = "ownwatch.router.notification.public-url";

    private final Map<Service, ConfigurableApplicationContext> contexts;

    private Platform(Map<Service, ConfigurableApplicationContext> contexts) {
        this.contexts = contexts;
    }

    /**
     * Starts every service on the given infrastructure.
     *
     * @param ports the HTTP port per service; 0 picks a free one
     * @param extraArguments more {@code --key=value} arguments given to every service
     */
    public static Platform start(Infrastructure infrastructure, Map<Service, Integer> ports, List<String> extraArguments) {
        Map<Service, ConfigurableApplicationContext> started = new EnumMap<>(Service.class);
        try {
            for (Service service : Service.values()) {
                List<String> arguments = new ArrayList<>();
                infrastructure.springProperties(service.database)
                        .forEach((key, value) -> arguments.add("--" + key + "=" + value));
                int port = ports.getOrDefault(service, 0);
                if (service == Service.ALERT_ROUTER && port == 0) {
                    // The router must know its own address before it starts: it is in every notification's links.
                    port = freePort();
                }
                arguments.add("--server.port=" + port);
                // One hook, ours, closes the services before the infrastructure under them.
                arguments.add("--spring.main.register-shutdown-hook=false");
                if (service == Service.ALERT_ROUTER) {
                    arguments.add("--ownwatch.router.ownership.registry-url="
                            + baseUrl(started.get(Service.OWNERSHIP_REGISTRY)));
                    if (extraArguments.stream().noneMatch(argument -> argument.startsWith("--" + PUBLIC_URL + "="))) {
                        arguments.add("--" + PUBLIC_URL + "=http://127.0.0.1:" + port);
                    }
                }
                if (service == Service.REMEDIATION_EXECUTOR) {
                    arguments.add("--ownwatch.executor.registry.url=" + baseUrl(started.get(Service.OWNERSHIP_REGISTRY)));
                }
                arguments.addAll(extraArguments);
                started.put(service, new SpringApplicationBuilder(service.application)
                        .properties("spring.config.name=" + service.configName)
                        .run(arguments.toArray(String[]::new)));
            }
            return new Platform(started);
        } catch (RuntimeException failure) {
            new Platform(started).close();
            throw failure;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the alert-router", e);
        }
    }

    /** Where a service answers HTTP, e.g. {@code http://127.0.0.1:8080}. */
    public URI url(Service service) {
        return URI.create(baseUrl(contexts.get(service)));
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        List<Service> order = new ArrayList<>(contexts.keySet());
        Collections.reverse(order);
        for (Service service : order) {
            contexts.get(service).close();
        }
    }
}
