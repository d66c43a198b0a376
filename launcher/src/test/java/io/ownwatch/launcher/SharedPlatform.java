package io.ownwatch.launcher;

import java.util.List;
import java.util.Map;

import io.ownwatch.devstack.testkit.TestInfrastructure;

/** One platform on the shared test infrastructure for every end-to-end test class in this JVM. */
final class SharedPlatform {

    private static Platform platform;

    private SharedPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            platform = Platform.start(TestInfrastructure.get(), Map.of(), List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "shared-platform-stop"));
        }
        return platform;
    }
}
