package io.ownwatch.router;

import java.util.ArrayList;
import java.util.List;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One router instance on the shared test infrastructure, started and stopped by the test itself: several may run on
 * one database (the two-instance and restart tests). Each test picks its own database and alerts topic, so cached
 * router contexts of other test classes never take its alerts or its escalation steps.
 */
public record RouterForTests(ConfigurableApplicationContext context) implements AutoCloseable {

    /**
     * Starts a router.
     *
     * @param database    the router's database on the test PostgreSQL (created when missing)
     * @param alertsTopic the topic it consumes alerts from, with a consumer group of the same name
     * @param registryUrl where the ownership-registry answers
     * @param arguments   further {@code --key=value} settings
     */
    public static RouterForTests start(String database, String alertsTopic, String registryUrl, String... arguments) {
        Infrastructure infrastructure = TestInfrastructure.get();
        List<String> all = new ArrayList<>();
        infrastructure.springProperties(database).forEach((key, value) -> all.add("--" + key + "=" + value));
        all.add("--server.port=0");
        all.add("--spring.main.register-shutdown-hook=false");
        all.add("--ownwatch.router.ownership.registry-url=" + registryUrl);
        all.add("--spring.cloud.stream.bindings.routeAlert-in-0.destination=" + alertsTopic);
        all.add("--spring.cloud.stream.bindings.routeAlert-in-0.group=" + alertsTopic);
        all.add("--spring.cloud.stream.bindings.alerts-out-0.destination=" + alertsTopic);
        all.addAll(List.of(arguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AlertRouterApplication.class)
                .properties("spring.config.name=" + AlertRouterApplication.CONFIG_NAME)
                .run(all.toArray(String[]::new));
        return new RouterForTests(context);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        context.close();
    }
}
