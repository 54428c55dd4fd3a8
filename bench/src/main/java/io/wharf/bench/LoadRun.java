package io.wharf.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends a bounded number of requests with a fixed number of concurrent clients (closed loop: each
 * client sends its next request when the previous one answered) and records every latency. Closed
 * loop on purpose: on a 2-core machine an open-loop generator would measure its own queueing.
 */
final class LoadRun {

    private final HttpClient client;

    LoadRun(HttpClient client) {
        this.client = client;
    }

    Result run(String name, Supplier<HttpRequest> request, int expectedStatus, int warmup, int requests, int concurrency)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            send(request.get(), expectedStatus);
        }
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> clients = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                long[] own = new long[requests];
                int n = 0;
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    if (!send(request.get(), expectedStatus)) {
                        errors.incrementAndGet();
                    }
                    own[n++] = System.nanoTime() - t0;
                }
                return java.util.Arrays.copyOf(own, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : clients) {
            long[] part = f.get();
            long[] merged = java.util.Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdownNow();
        return Result.of(name, concurrency, all, elapsed, errors.get());
    }

    private boolean send(HttpRequest request, int expectedStatus) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expectedStatus;
        } catch (Exception e) {
            return false;
        }
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }
}
