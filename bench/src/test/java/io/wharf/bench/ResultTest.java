package io.wharf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void percentilesUseTheNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (i + 1) * 1_000_000L; // 1..100 ms
        }
        assertThat(Result.percentile(sorted, 0.50)).isEqualTo(50_000_000L);
        assertThat(Result.percentile(sorted, 0.99)).isEqualTo(99_000_000L);
        assertThat(Result.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void throughputIsRequestsOverWallClockTime() {
        long[] latencies = {1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L};
        Result result = Result.of("x", 2, latencies, 2_000_000_000L, 1);

        assertThat(result.requestsPerSecond()).isEqualTo(2.0);
        assertThat(result.p50()).isEqualTo(2.0);
        assertThat(result.max()).isEqualTo(4.0);
        assertThat(result.errors()).isEqualTo(1);
    }
}
