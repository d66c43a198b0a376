package io.ownwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverEverySampleMerged() {
        Latencies first = new Latencies();
        Latencies second = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            (ms % 2 == 0 ? first : second).record(ms * 1_000_000L);
        }
        Latencies all = Latencies.merge(List.of(first, second));

        assertThat(all.count()).isEqualTo(100);
        assertThat(all.percentileMillis(50)).isEqualTo(50.0);
        assertThat(all.percentileMillis(99)).isEqualTo(99.0);
        assertThat(all.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertThat(new Latencies().percentileMillis(50)).isNaN();
    }

    @Test
    void usedHeapSumsTheHeapPoolsOnly() {
        String metrics = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{application="alert-router",area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{application="alert-router",area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{application="alert-router",area="nonheap",id="Metaspace"} 9.9E7
                """;
        assertThat(HeapSampler.usedHeap(metrics)).isEqualTo(10_485_760L + 2_097_152L);
    }
}
