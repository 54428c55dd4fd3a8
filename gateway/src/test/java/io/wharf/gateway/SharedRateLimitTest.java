package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.gateway.support.RedisServer;
import io.wharf.gateway.support.RunningGateway;
import io.wharf.gateway.support.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * SPEC §1.5 "the limit holds across gateway replicas": two gateways in this JVM share one real
 * redis-server. Mutating requests: burst 10/s (steady large); reads: steady 10/min (burst large), so
 * each window can be shown on its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedRateLimitTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final String ROUTE = "/api/acme/projects";

    private static RedisServer redis;
    private static RunningGateway first;
    private static RunningGateway second;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(RedisServer.available(),
                RedisServer.BINARY + " is missing (apt-get install redis-server): shared rate limits not tested");
        redis = RedisServer.start();
        Map<String, Object> props = Map.of(
                "wharf.gateway.rate-limit.redis-uri", redis.uri(),
                "wharf.gateway.rate-limit.mutating.burst", 10,
                "wharf.gateway.rate-limit.mutating.steady", 1000,
                "wharf.gateway.rate-limit.read.burst", 1000,
                "wharf.gateway.rate-limit.read.steady", 10);
        first = RunningGateway.start(INFRA, props);
        second = RunningGateway.start(INFRA, props);
        // Each gateway opens its Redis connection on first use: open them before anything is counted.
        String warmUp = INFRA.tokens.session();
        send(first, get(warmUp));
        send(second, get(warmUp));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[] {first, second, redis}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void theBurstHoldsAcrossReplicas() throws Exception {
        // Twelve concurrent requests, six through each gateway, started right after a second begins:
        // all fall into one burst window unless the machine is so slow that they span two (then
        // the attempt is repeated with a fresh credential).
        for (int attempt = 0; attempt < 3; attempt++) {
            String token = INFRA.tokens.session();
            long second = awaitStartOfSecond();
            List<HttpResponse<String>> responses = burst(token, 6);
            if (System.currentTimeMillis() / 1000 != second) {
                continue;
            }
            assertThat(responses.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(10);
            List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(refused).hasSize(2).allSatisfy(r -> {
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                assertThat(r.body()).contains("\"RATE_LIMITED\"");
            });
            return;
        }
        throw new AssertionError("three attempts spanned two seconds each: the machine is too slow for this test");
    }

    @Test
    void theSteadyWindowIsCountedOnceForBothReplicas() {
        awaitNotNearTheEndOfAMinute();
        String token = INFRA.tokens.session();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(send(first, get(token)));
            responses.add(send(second, get(token)));
        }

        for (int i = 0; i < 10; i++) {
            assertThat(responses.get(i).statusCode()).as("request " + i).isEqualTo(200);
            assertThat(responses.get(i).headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(9 - i));
        }
        assertThat(responses.subList(10, 12)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
            assertThat(r.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"steady\";r=0;t=");
        });
    }

    @Test
    void withRedisDownEachReplicaLimitsOnItsOwnAndSaysSoOnce(CapturedOutput output) {
        awaitNotNearTheEndOfAMinute();
        String token = INFRA.tokens.session();
        int from = output.getOut().length(); // lines of this outage only
        redis.stop();
        try {
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                responses.add(send(first, get(token)));
            }
            // Fail open to the local counters: the replica still limits (10 reads per minute here).
            assertThat(responses.subList(0, 10)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            assertThat(responses.get(10).statusCode()).isEqualTo(429);
            assertThat(responses.get(0).headers().firstValue("RateLimit-Policy")).isPresent();
            assertThat(countOf(output, from, "Redis does not answer")).isEqualTo(1);
        } finally {
            redis.restart();
        }
        String fresh = INFRA.tokens.session();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            send(first, get(fresh));
            assertThat(output.getOut()).contains("Redis answers again");
        });
        assertThat(countOf(output, from, "Redis does not answer")).isEqualTo(1);
        assertThat(output.getOut().substring(from)).doesNotContain("Cannot reconnect"); // Lettuce's per-attempt lines
    }

    private static int countOf(CapturedOutput output, int from, String text) {
        return output.getOut().substring(from).split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    private static List<HttpResponse<String>> burst(String token, int perGateway) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perGateway * 2);
        try {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < perGateway; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> send(first, post(token)), pool));
                futures.add(CompletableFuture.supplyAsync(() -> send(second, post(token)), pool));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits (polling) until a second has just begun; returns it. */
    private static long awaitStartOfSecond() {
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> System.currentTimeMillis() % 1000 < 50);
        return System.currentTimeMillis() / 1000;
    }

    /** Steady-window tests need their requests in one minute. */
    private static void awaitNotNearTheEndOfAMinute() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> System.currentTimeMillis() % 60_000 < 50_000);
    }

    private static HttpRequest.Builder get(String token) {
        return HttpRequest.newBuilder().GET().header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder post(String token) {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
    }

    private static HttpResponse<String> send(RunningGateway gateway, HttpRequest.Builder request) {
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return http.send(request.uri(URI.create("http://127.0.0.1:" + gateway.port() + ROUTE))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
