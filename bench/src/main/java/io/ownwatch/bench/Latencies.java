package io.ownwatch.bench;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, and the percentiles a report prints. Not thread-safe: one per thread, then merged. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.record(part.values[i]);
            }
        }
        return all;
    }

    /** The nearest-rank percentile in milliseconds: the smallest value at least {@code percent}% of samples do not exceed. */
    double percentileMillis(double percent) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
    }

    String summary() {
        return "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)".formatted(
                percentileMillis(50), percentileMillis(99), percentileMillis(100), size);
    }
}
