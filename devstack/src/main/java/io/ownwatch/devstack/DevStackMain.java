package io.ownwatch.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the infrastructure alone on the default ports: Kafka 9092, PostgreSQL 5433, schema registry 8081,
 * identity provider 9000. Usage: {@code DevStackMain [--data-dir DIR] [--kafka-port N] [--postgres-port N]
 * [--registry-port N] [--identity-port N]}; data
 * defaults to {@code ./data}. Stops on Ctrl-C, keeping the data.
 */
public final class DevStackMain {

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of("data");
        int kafkaPort = 9092;
        int postgresPort = 5433;
        int registryPort = 8081;
        int identityPort = 9000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--kafka-port" -> kafkaPort = port(value);
                case "--postgres-port" -> postgresPort = port(value);
                case "--registry-port" -> registryPort = port(value);
                case "--identity-port" -> identityPort = port(value);
                default -> usage("unknown option " + option);
            }
        }
        DevStack stack = DevStack.builder()
                .dataDirectory(dataDirectory)
                .kafkaPort(kafkaPort)
                .postgresPort(postgresPort)
                .registryPort(registryPort)
                .identityPort(identityPort)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "devstack-shutdown"));
        System.out.printf("Devstack running: Kafka %s, PostgreSQL %s (user postgres), schema registry %s, identity provider %s. Ctrl-C stops it.%n",
                stack.kafkaBootstrapServers(), "127.0.0.1:" + stack.postgresPort(), stack.schemaRegistryUrl(), stack.issuerUri());
        stopped.await();
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage("not a port: " + value);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: DevStackMain [--data-dir DIR] [--kafka-port N] [--postgres-port N] [--registry-port N] [--identity-port N]");
        System.exit(2);
    }
}
