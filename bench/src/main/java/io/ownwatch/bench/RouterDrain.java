package io.ownwatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits, after the storms, until the router has worked through what they set off: its outbox is empty (every timeline
 * entry and remediation request is on its topic) and no page is being sent nor escalation step fired any more. The
 * distinct incidents each page, escalate and request a runbook, so this backlog outlives the consumer lag by far; the
 * latency phase measured on top of it would time the backlog, not the path. Reads the router's
 * {@code /actuator/prometheus} once a second; how long it took and the pages sent meanwhile are figures of their own.
 */
final class RouterDrain {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    RouterDrain(String router) {
        this.metrics = URI.create(router + "/actuator/prometheus");
    }

    record Result(boolean drained, double seconds, long backlogAtStart, long maxBacklog, double pagesSent,
            double pagesSeconds, double steps) {

        String report() {
            String pages = pagesSent > 0
                    ? "%,.0f pages sent (%,.0f/s while sending)".formatted(pagesSent, pagesSent / Math.max(pagesSeconds, 1e-3))
                    : "no pages sent";
            return "router drain after the storms: %s after %.1f s (outbox backlog %,d at start, at most %,d); %s, %,.0f escalation steps"
                    .formatted(drained ? "quiet" : "NOT quiet", seconds, backlogAtStart, maxBacklog, pages, steps);
        }
    }

    Result await(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Sample first = sample();
        Sample previous = first;
        long maxBacklog = first.backlog();
        long lastPage = start;
        while (true) {
            Thread.sleep(1000);
            Sample now = sample();
            maxBacklog = Math.max(maxBacklog, now.backlog());
            if (now.pagesSent() > previous.pagesSent()) {
                lastPage = System.nanoTime();
            }
            boolean quiet = now.backlog() == 0 && now.pagesSent() == previous.pagesSent()
                    && now.steps() == previous.steps();
            previous = now;
            if (quiet || System.nanoTime() > deadline) {
                return new Result(quiet, (System.nanoTime() - start) / 1e9, first.backlog(), maxBacklog,
                        now.pagesSent() - first.pagesSent(), (lastPage - start) / 1e9, now.steps() - first.steps());
            }
        }
    }

    private record Sample(long backlog, double pagesSent, double steps) {
    }

    private Sample sample() throws Exception {
        String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Sample((long) sum(text, "ownwatch_outbox_backlog", null),
                sum(text, "ownwatch_notifications_total{", "outcome=\"sent\""),
                sum(text, "ownwatch_escalation_steps_total{", null));
    }

    /** Sum of the samples of a metric in Prometheus text format, optionally only those with a label. */
    static double sum(String metrics, String prefix, String label) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix) && (label == null || line.contains(label))) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
