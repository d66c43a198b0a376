package io.ownwatch.launcher;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ownwatch.launcher.Platform.Service;

/**
 * What the one-command run may be told: where to keep data and which ports to use. Every default
 * is the port documented in the README, so tools work unconfigured.
 *
 * @param dataDirectory where Kafka, PostgreSQL and the schema registry keep their data
 * @param kafkaPort the broker's port
 * @param postgresPort PostgreSQL's port (5433, so it never clashes with a local 5432)
 * @param schemaRegistryPort the schema registry's port (Confluent's default)
 * @param identityPort the embedded identity provider's port
 * @param servicePorts the HTTP port of each service
 * @param inboxPort the dev inbox's page and webhook receiver
 * @param smtpPort the dev inbox's SMTP server, where the router mails
 * @param loadSampleData whether to load the sample teams and services
 */
record LauncherOptions(Path dataDirectory, int kafkaPort, int postgresPort, int schemaRegistryPort,
                       int identityPort, Map<Service, Integer> servicePorts, int inboxPort, int smtpPort,
                       boolean loadSampleData) {

    static final String USAGE = """
            Usage: java -jar launcher/target/ownwatch.jar [--option=value ...]
              --data-dir=PATH          where all data lives (default ./data)
              --kafka-port=N           Kafka broker (default 9092)
              --postgres-port=N        PostgreSQL (default 5433)
              --schema-registry-port=N schema registry (default 8081)
              --identity-port=N        identity provider, the token issuer (default 9000)
              --router-port=N          alert-router (default 8080)
              --registry-port=N        ownership-registry (default 8082)
              --executor-port=N        remediation-executor (default 8083)
              --timeline-port=N        incident-timeline (default 8084)
              --inbox-port=N           dev inbox: what the platform mailed and posted (default 8025)
              --smtp-port=N            dev inbox's SMTP server (default 2525)
              --no-sample-data         do not load the sample teams and services
            """;

    static LauncherOptions parse(String... arguments) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String argument : arguments) {
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + argument + "'\n" + USAGE);
            }
            int equals = argument.indexOf('=');
            given.put(equals < 0 ? argument.substring(2) : argument.substring(2, equals),
                    equals < 0 ? "" : argument.substring(equals + 1));
        }
        boolean sampleData = given.remove("no-sample-data") == null;
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        servicePorts.put(Service.ALERT_ROUTER, port(given, "router-port", 8080));
        servicePorts.put(Service.OWNERSHIP_REGISTRY, port(given, "registry-port", 8082));
        servicePorts.put(Service.REMEDIATION_EXECUTOR, port(given, "executor-port", 8083));
        servicePorts.put(Service.INCIDENT_TIMELINE, port(given, "timeline-port", 8084));
        LauncherOptions options = new LauncherOptions(
                Path.of(given.getOrDefault("data-dir", "data")).toAbsolutePath(),
                port(given, "kafka-port", 9092),
                port(given, "postgres-port", 5433),
                port(given, "schema-registry-port", 8081),
                port(given, "identity-port", 9000),
                servicePorts,
                port(given, "inbox-port", 8025),
                port(given, "smtp-port", 2525),
                sampleData);
        given.remove("data-dir");
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown option --" + given.keySet().iterator().next() + "\n" + USAGE);
        }
        return options;
    }

    private static int port(Map<String, String> given, String name, int fallback) {
        String value = given.remove(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port number, not '" + value + "'");
        }
    }
}
