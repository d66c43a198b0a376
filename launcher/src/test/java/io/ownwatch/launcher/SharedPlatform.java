package io.ownwatch.launcher;

import java.util.List;
import java.util.Map;

import io.ownwatch.devstack.inbox.DevInbox;
import io.ownwatch.devstack.testkit.TestInfrastructure;

/**
 * One platform on the shared test infrastructure for every end-to-end test class in this JVM, with the dev inbox the
 * embedded run has: the router mails to its SMTP server, and webhooks pointed at it are kept there to be read.
 */
final class SharedPlatform {

    private static Platform platform;
    private static DevInbox inbox;

    private SharedPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            inbox = DevInbox.start(0, 0);
            platform = Platform.start(TestInfrastructure.get(), Map.of(), List.of("--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + inbox.smtpPort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                inbox.close();
            }, "shared-platform-stop"));
        }
        return platform;
    }

    /** The shared platform's dev inbox. */
    static synchronized DevInbox inbox() {
        get();
        return inbox;
    }
}
