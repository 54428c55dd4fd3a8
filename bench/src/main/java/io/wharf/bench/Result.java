package io.wharf.bench;

import java.util.Arrays;

/** Latency percentiles (milliseconds) and throughput of one {@link LoadRun}. */
record Result(String name, int concurrency, int requests, int errors, double p50, double p90, double p99,
              double max, double requestsPerSecond) {

    static Result of(String name, int concurrency, long[] latenciesNanos, long elapsedNanos, int errors) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Result(name, concurrency, sorted.length, errors,
                millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.90)), millis(percentile(sorted, 0.99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                sorted.length / (elapsedNanos / 1e9));
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    String markdownRow() {
        return String.format("| %s | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f |",
                name, concurrency, requests, errors, p50, p90, p99, max, requestsPerSecond);
    }
}
