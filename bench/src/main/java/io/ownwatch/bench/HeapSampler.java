package io.ownwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples each service's used heap from {@code /actuator/prometheus} every two seconds and keeps the peak. In
 * embedded mode every service shares the launcher's JVM, so they all report the same heap. Not more often: a full
 * Prometheus scrape of four services costs the server real CPU, and a profile of the ingest run showed it among the
 * request threads' top frames at two scrapes a second per service.
 */
final class HeapSampler implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private final List<String> services;
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(List<String> services) {
        this.services = services;
        services.forEach(service -> peaks.put(service, 0L));
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            for (String service : services) {
                try {
                    String metrics = http.send(HttpRequest.newBuilder(URI.create(service + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    long heap = usedHeap(metrics);
                    synchronized (peaks) {
                        peaks.merge(service, heap, Math::max);
                    }
                }
                catch (Exception ex) {
                    // A missed sample only makes the peak less precise.
                }
            }
            try {
                Thread.sleep(2000);
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Sum of {@code jvm_memory_used_bytes} over the heap pools, from Prometheus text format. */
    static long usedHeap(String metrics) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    String report() {
        StringBuilder report = new StringBuilder("peak heap used:");
        synchronized (peaks) {
            peaks.forEach((service, peak) -> report.append("%n  %s: %,d MiB".formatted(service, peak >> 20)));
        }
        return report.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
