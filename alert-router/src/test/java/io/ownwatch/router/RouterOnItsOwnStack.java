package io.ownwatch.router;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.ownwatch.devstack.DevStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The router on a devstack of its own, for tests that stop and start Kafka or PostgreSQL under it without
 * disturbing the shared test infrastructure. The registry is unreachable (port 9): every owner comes from the
 * local view or the catch-all team.
 */
public record RouterOnItsOwnStack(DevStack stack, ConfigurableApplicationContext context) implements AutoCloseable {

    /** Starts both; {@code arguments} are further {@code --key=value} settings of the router. */
    public static RouterOnItsOwnStack start(Path dataDirectory, String... arguments) {
        DevStack stack = DevStack.builder().dataDirectory(dataDirectory).start();
        List<String> all = new ArrayList<>();
        stack.springProperties("router").forEach((key, value) -> all.add("--" + key + "=" + value));
        all.add("--server.port=0");
        all.add("--ownwatch.router.ownership.registry-url=http://127.0.0.1:9");
        all.addAll(List.of(arguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AlertRouterApplication.class)
                .properties("spring.config.name=" + AlertRouterApplication.CONFIG_NAME)
                .run(all.toArray(String[]::new));
        return new RouterOnItsOwnStack(stack, context);
    }

    /** Where the router's HTTP API answers. */
    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        context.close();
        stack.close();
    }

    /**
     * The router on its own stack for every test of a class, as a static {@code @RegisterExtension} field: started
     * before the class's tests in its {@code @TempDir} (a static field, which JUnit fills before this extension runs),
     * closed after them.
     */
    public static PerClass perClass(Supplier<Path> dataDirectory, String... arguments) {
        return new PerClass(dataDirectory, arguments);
    }

    /** See {@link #perClass}. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private final Supplier<Path> dataDirectory;
        private final String[] arguments;
        private RouterOnItsOwnStack running;

        private PerClass(Supplier<Path> dataDirectory, String[] arguments) {
            this.dataDirectory = dataDirectory;
            this.arguments = arguments;
        }

        public DevStack stack() {
            return running.stack();
        }

        public String baseUrl() {
            return running.baseUrl();
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            running = start(dataDirectory.get(), arguments);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (running != null) {
                running.close();
            }
        }
    }
}
