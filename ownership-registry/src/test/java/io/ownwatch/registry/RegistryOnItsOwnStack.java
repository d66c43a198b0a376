package io.ownwatch.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.testkit.Tokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The registry on a devstack of its own, for tests that stop and start Kafka or PostgreSQL under it without
 * disturbing the shared test infrastructure of the other tests in the JVM.
 */
record RegistryOnItsOwnStack(DevStack stack, ConfigurableApplicationContext context, Tokens tokens, ApiClient api)
        implements AutoCloseable {

    static RegistryOnItsOwnStack start(Path dataDirectory) {
        DevStack stack = DevStack.builder().dataDirectory(dataDirectory).start();
        List<String> arguments = new ArrayList<>();
        stack.springProperties("registry").forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OwnershipRegistryApplication.class)
                .properties("spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
                .run(arguments.toArray(String[]::new));
        return new RegistryOnItsOwnStack(stack, context, new Tokens(stack),
                new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))));
    }

    @Override
    public void close() {
        context.close();
        stack.close();
    }
}
