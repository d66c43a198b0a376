package io.ownwatch.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Drives a running platform (the launcher, or compose) over loopback and prints what it measured: webhook ingest
 * throughput and latency, the router on a deduplication-heavy storm and on distinct incidents, alert-to-timeline
 * latency, the timeline service recording a burst of timeline events, and the peak heap of each service. Figures only: nothing here passes or fails.
 */
public final class Bench {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("ingest-url", "http://127.0.0.1:8080/api/v1/ingest/alertmanager"),
            // Empty: the launcher's sample Alertmanager key from <data-dir>/sample-integration-keys.properties.
            Map.entry("key", ""),
            Map.entry("data-dir", "data"),
            Map.entry("bootstrap-servers", "127.0.0.1:9092"),
            Map.entry("schema-registry", "http://127.0.0.1:8081"),
            Map.entry("services", "http://127.0.0.1:8080,http://127.0.0.1:8082,http://127.0.0.1:8083,http://127.0.0.1:8084"),
            Map.entry("connections", "64"),
            Map.entry("warmup", "5"),
            Map.entry("seconds", "20"),
            Map.entry("storm-alerts", "200000"),
            Map.entry("storm-keys", "500"),
            Map.entry("distinct-alerts", "20000"),
            Map.entry("latency-rate", "100"),
            Map.entry("latency-seconds", "10"),
            // Longest wait, before the latency phase, for the router to work off what the storms set off.
            Map.entry("drain-seconds", "600"),
            // The timeline phase: a burst of incidents of a few events each, then one long incident.
            Map.entry("timeline-incidents", "2000"),
            Map.entry("timeline-events", "10"),
            Map.entry("timeline-long-events", "5000"),
            Map.entry("only", "ingest,storm,distinct,latency,timeline"));

    private Bench() {
    }

    private static String sampleKey(String dataDirectory) throws IOException {
        Path file = Path.of(dataDirectory, "sample-integration-keys.properties");
        if (!Files.isReadable(file)) {
            return "";
        }
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            keys.load(in);
        }
        return keys.getProperty("alertmanager", "");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<String> only = Arrays.asList(options.get("only").split(","));
        Kafka kafka = new Kafka(options.get("bootstrap-servers"), options.get("schema-registry"));
        System.out.printf("Ownwatch benchmark, %d cores visible to the load generator, %s%n",
                Runtime.getRuntime().availableProcessors(), java.time.Instant.now());
        try (HeapSampler heap = new HeapSampler(List.of(options.get("services").split(",")))) {
            if (only.contains("ingest")) {
                String key = options.get("key").isEmpty() ? sampleKey(options.get("data-dir")) : options.get("key");
                IngestLoad ingest = new IngestLoad(URI.create(options.get("ingest-url")),
                        key.isEmpty() ? null : "Bearer " + key, Integer.parseInt(options.get("connections")));
                System.out.println(ingest.run(Double.parseDouble(options.get("warmup")),
                        Double.parseDouble(options.get("seconds")), 1000).report());
            }
            RouterStorm storm = new RouterStorm(kafka);
            Duration timeout = Duration.ofMinutes(10);
            if (only.contains("storm")) {
                report(() -> storm.run("dedup storm (one incident)", Integer.parseInt(options.get("storm-alerts")),
                        Integer.parseInt(options.get("storm-keys")), true, timeout).report());
            }
            if (only.contains("distinct")) {
                int distinct = Integer.parseInt(options.get("distinct-alerts"));
                report(() -> storm.run("distinct incidents", distinct, distinct, false, timeout).report());
            }
            if (only.contains("latency")) {
                if (only.contains("storm") || only.contains("distinct")) {
                    String router = options.get("services").split(",")[0];
                    report(() -> new RouterDrain(router)
                            .await(Duration.ofSeconds(Long.parseLong(options.get("drain-seconds")))).report());
                }
                int rate = Integer.parseInt(options.get("latency-rate"));
                Latencies latency = new TimelineLatency(kafka).run(rate, Double.parseDouble(options.get("latency-seconds")));
                System.out.printf("alert to INCIDENT_OPENED on the timeline topic, %d distinct alerts/s: %s%n",
                        rate, latency.summary());
            }
            if (only.contains("timeline")) {
                TimelineRecording timeline = new TimelineRecording(kafka);
                report(() -> timeline.run("burst of incidents", Integer.parseInt(options.get("timeline-incidents")),
                        Integer.parseInt(options.get("timeline-events")), timeout).report());
                report(() -> timeline.run("one long incident", 1, Integer.parseInt(options.get("timeline-long-events")),
                        timeout).report());
            }
            System.out.println(heap.report());
        }
    }

    /** A phase that gives up (the router never caught up) is reported, and the phases after it still run. */
    private static void report(Phase phase) {
        try {
            System.out.println(phase.run());
        }
        catch (IllegalStateException ex) {
            System.out.println("  gave up: " + ex.getMessage());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @FunctionalInterface
    private interface Phase {
        String run() throws Exception;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.equals("--help")) {
                System.out.println("java -jar bench/target/ownwatch-bench.jar [--option=value ...]; options and defaults:");
                DEFAULTS.forEach((name, value) -> System.out.printf("  --%s=%s%n", name, value));
                System.exit(0);
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option " + arg + " (try --help)");
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }
}
