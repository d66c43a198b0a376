package io.ownwatch.launcher;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.inbox.DevInbox;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.launcher.Platform.Service;

/**
 * The one-command embedded run: Kafka, PostgreSQL and the schema registry in this JVM, the four
 * services on top, sample ownership data, and the URLs to try it with. Ctrl-C stops it cleanly;
 * everything is kept under the data directory for the next start.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(LauncherOptions.USAGE);
            return;
        }
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Generated Avro classes refuse to decode outside the packages listed here.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.ownwatch.events"));

        long started = System.nanoTime();
        DevStack stack = DevStack.builder()
                .dataDirectory(options.dataDirectory())
                .kafkaPort(options.kafkaPort())
                .postgresPort(options.postgresPort())
                .registryPort(options.schemaRegistryPort())
                .identityPort(options.identityPort())
                .start();
        DevInbox inbox;
        Platform platform;
        try {
            inbox = DevInbox.start(options.smtpPort(), options.inboxPort());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        try {
            platform = Platform.start(stack, options.servicePorts(), List.of(
                    // Notifications go to the dev inbox: mail to its SMTP server; the sample people's and teams'
                    // webhooks point at its receiver.
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + inbox.smtpPort(),
                    // People read the console; machines read the structured file.
                    "--logging.structured.format.console=",
                    "--logging.file.name=" + options.dataDirectory().resolve("logs/ownwatch.log"),
                    "--logging.structured.format.file=ecs",
                    // Logback is one per JVM: the first service's name would label every line.
                    "--logging.include-application-name=false",
                    "--logging.structured.ecs.service.name=ownwatch",
                    // The broker and the clients' configuration dumps drown what a person wants to see.
                    "--logging.level.org.apache.kafka=WARN",
                    "--logging.level.kafka=WARN",
                    "--logging.level.state.change.logger=WARN",
                    "--logging.level.org.springdoc.core.events=ERROR"));
        } catch (RuntimeException e) {
            inbox.close();
            stack.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Ownwatch is stopping...");
            platform.close();
            inbox.close();
            stack.close();
            stopped.countDown();
        }, "ownwatch-shutdown"));

        List<String> loaded = List.of();
        Map<String, String> keys = Map.of();
        if (options.loadSampleData()) {
            Tokens tokens = new Tokens(stack);
            loaded = new ArrayList<>(new SampleData(platform.url(Service.OWNERSHIP_REGISTRY), tokens, URI.create(inbox.url()))
                    .load());
            if (new SampleOpsPolicy(platform.url(Service.REMEDIATION_EXECUTOR), tokens.person("alice"))
                    .ensure(SampleData.RUNBOOK_ID)) {
                loaded.add("Ops rule " + SampleData.RUNBOOK_ID + " for " + SampleOpsPolicy.SERVICE);
            }
            keys = new SampleIntegrations(platform.url(Service.ALERT_ROUTER), tokens.person("alice"), options.dataDirectory())
                    .ensure();
        }
        System.out.println(banner(options, stack, inbox, platform, loaded, keys, (System.nanoTime() - started) / 1_000_000));
        stopped.await();
    }

    private static String sampleAlert(URI router, Map<String, String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("  integration keys (kept in the data directory, ")
                .append(SampleIntegrations.FILE).append("):\n");
        keys.forEach((type, key) -> text.append(String.format("    %-13s %s   POST %s/api/v1/ingest/%s%n", type, key, router, type)));
        return text.append("\nSend a sample alert (scripts/send-sample-alert does the same; 'resolved' resolves it):\n")
                .append("  curl -i -H 'Content-Type: application/json' -H 'Authorization: Bearer ")
                .append(keys.get("alertmanager")).append("' \\\n")
                .append("       --data @samples/alertmanager-checkout-firing.json ").append(router)
                .append("/api/v1/ingest/alertmanager\n").toString();
    }

    private static String banner(LauncherOptions options, DevStack stack, DevInbox inbox, Platform platform,
                                 List<String> loaded, Map<String, String> keys, long millis) {
        URI router = platform.url(Service.ALERT_ROUTER);
        URI timeline = platform.url(Service.INCIDENT_TIMELINE);
        StringBuilder text = new StringBuilder()
                .append("\n=== Ownwatch is up in ").append(millis).append(" ms (data in ")
                .append(options.dataDirectory()).append(") ===\n");
        for (Service service : Service.values()) {
            URI url = platform.url(service);
            text.append(String.format("  %-22s %s   (API docs %s/swagger-ui.html)%n", service.displayName(), url, url));
        }
        text.append(String.format("  %-22s %s%n", "kafka", stack.kafkaBootstrapServers()))
                .append(String.format("  %-22s %s%n", "schema registry", stack.schemaRegistryUrl()))
                .append(String.format("  %-22s %s%n", "postgresql", stack.jdbcUrl("postgres")))
                .append(String.format("  %-22s %s   (people: alice ops-admin, bob and erin responders,%n", "identity provider",
                        stack.issuerUri()))
                .append(String.format("  %-22s %s%n", "", "carol support, dave viewer; password <name>-password)"))
                .append(String.format("  %-22s %s   (what the platform mailed and posted; SMTP on 127.0.0.1:%d)%n",
                        "dev inbox", inbox.url(), inbox.smtpPort()))
                .append(loaded.isEmpty() ? "  sample data: already loaded\n" : "  sample data loaded: " + loaded + "\n")
                .append(sampleAlert(router, keys))
                .append("Then, with a token (the browser's authorization-code flow, scripted), list incidents and read a timeline:\n")
                .append("  TOKEN=$(scripts/get-token alice)\n")
                .append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(timeline).append("/api/v1/incidents\n")
                .append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(timeline).append("/api/v1/incidents/<incidentId>/timeline\n")
                .append("Ctrl-C stops everything; the next start keeps the data.\n");
        return text.toString();
    }
}
