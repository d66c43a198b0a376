package io.ownwatch.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Single-alert Alertmanager webhook posts from many keep-alive connections for a fixed time: throughput of
 * accepted (202) posts and the latency to the answer. The alerts cycle over a fixed set of fingerprints, as a
 * storm of repeating alerts does.
 */
final class IngestLoad {

    record Result(long accepted, long refused, double seconds, Latencies latencies) {

        String report() {
            return "webhook ingest: %,.0f posts/s accepted (%,d accepted, %,d refused in %.1f s), latency to the answer %s"
                    .formatted(accepted / seconds, accepted, refused, seconds, latencies.summary());
        }
    }

    private final URI endpoint;
    private final String authorization;
    private final int connections;

    IngestLoad(URI endpoint, String authorization, int connections) {
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.connections = connections;
    }

    Result run(double warmupSeconds, double seconds, int distinctAlerts) throws InterruptedException {
        List<byte[]> requests = new ArrayList<>(distinctAlerts);
        for (int i = 0; i < distinctAlerts; i++) {
            requests.add(HttpConnection.request(endpoint, authorization, body("bench-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        LongAdder accepted = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder reconnects = new LongAdder();
        List<Latencies> perThread = new ArrayList<>();
        ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int t = 0; t < connections; t++) {
            Latencies latencies = new Latencies();
            perThread.add(latencies);
            int offset = t;
            Thread thread = new Thread(() -> {
                int i = offset;
                try {
                    // A server may close a keep-alive connection after so many requests (Tomcat: 100): open another.
                    while (System.nanoTime() < end) {
                        try (HttpConnection connection = new HttpConnection(endpoint)) {
                            for (; ; i += connections) {
                                long sent = System.nanoTime();
                                if (sent >= end) {
                                    break;
                                }
                                int status = connection.post(requests.get(i % requests.size()));
                                long answered = System.nanoTime();
                                if (sent >= measureFrom) {
                                    latencies.record(answered - sent);
                                    (status == 202 ? accepted : refused).increment();
                                }
                            }
                        }
                        catch (java.io.IOException ex) {
                            reconnects.increment();
                            i += connections;
                        }
                    }
                }
                catch (Exception ex) {
                    failures.merge(ex.toString(), 1, Integer::sum);
                }
                finally {
                    done.countDown();
                }
            }, "ingest-" + t);
            thread.start();
        }
        done.await();
        failures.forEach((failure, count) -> System.out.printf("  %d connection(s) failed: %s%n", count, failure));
        System.out.printf("  %d reconnection(s) after the server closed a connection%n", reconnects.sum());
        return new Result(accepted.sum(), refused.sum(), seconds, Latencies.merge(perThread));
    }

    private static String body(String fingerprint) {
        return """
                {"version":"4","status":"firing","receiver":"ownwatch","groupKey":"{}:{alertname=\\"BenchStorm\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"BenchStorm","service":"bench","severity":"warning",
                 "instance":"%s"},"annotations":{"summary":"benchmark alert %s"},"startsAt":"2026-11-22T05:00:00Z",
                 "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}""".formatted(fingerprint, fingerprint, fingerprint);
    }
}
