package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import io.wharf.gateway.support.RunningGateway;
import io.wharf.gateway.support.StubService;
import io.wharf.gateway.support.TestInfrastructure;
import io.wharf.gateway.support.TestTokens;
import io.wharf.gateway.support.Windows;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing and flooding: failed authentication costs the client address's budget, made-up key ids
 * do not reach identity, and behind a trusted proxy the forwarded address is the client. One gateway
 * that trusts loopback as its proxy, so every test speaks for clients of its own (X-Forwarded-For),
 * with a tiny steady budget (5 per minute per class) and its own JWKS path on identity's stub.
 */
class AbuseTest {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GUARDED = "/api/acme/projects";
    private static final String KEYS = "/keys-of-abuse-test";
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final String LOGIN = "/api/auth/login";
    /** identity's answer to a wrong password. */
    private static final StubService.Answer WRONG_PASSWORD = new StubService.Answer(401, Map.of(),
            () -> "{\"code\":\"UNAUTHORIZED\",\"message\":\"Wrong e-mail or password.\"}");

    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        INFRA.identity.serve(KEYS, INFRA.tokens::jwks);
        gateway = RunningGateway.start(INFRA, Map.of(
                "wharf.gateway.trusted-proxies", "127.0.0.0/8,::1",
                "wharf.gateway.jwks-uri", INFRA.identity.uri() + KEYS,
                "wharf.gateway.auth.jwks-refresh-interval", "1h",
                "wharf.gateway.rate-limit.read.burst", 1000,
                "wharf.gateway.rate-limit.read.steady", 5,
                "wharf.gateway.rate-limit.mutating.burst", 1000,
                "wharf.gateway.rate-limit.mutating.steady", 5));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void failedAuthenticationIsChargedToTheClientAddressUntilItGets429() {
        Windows.awaitRoomInTheMinute();
        String guesser = newClient();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = get(GUARDED, "Bearer guess-" + i, guesser);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(4 - i));
        }
        HttpResponse<String> limited = get(GUARDED, "Bearer guess-6", guesser);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
        // No credential at all is a failed authentication too.
        assertThat(get(GUARDED, null, guesser).statusCode()).isEqualTo(429);

        // From a spent address even a right guess is not checked: 429, never 200.
        int before = INFRA.project.received().size();
        assertThat(get(GUARDED, "Bearer " + INFRA.tokens.session(), guesser).statusCode()).isEqualTo(429);
        assertThat(INFRA.project.received()).hasSize(before);
        // Other clients are unaffected, and so is the guesser's separate budget for mutating requests.
        assertThat(get(GUARDED, "Bearer " + INFRA.tokens.session(), newClient()).statusCode()).isEqualTo(200);
        assertThat(send(request(GUARDED, "Bearer guess-post", guesser)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(401);
        // Failures have a budget of their own: the address's anonymous requests still pass.
        assertThat(remaining(guesser)).isEqualTo(4);
    }

    @Test
    void madeUpKeyIdsDoNotFetchIdentitysKeysEachTime() {
        assertThat(get(GUARDED, "Bearer " + INFRA.tokens.session(), newClient()).statusCode()).isEqualTo(200);
        long fetches = INFRA.identity.count(KEYS);
        assertThat(fetches).isGreaterThanOrEqualTo(1);

        RSAKey forger = TestTokens.newKey("forger");
        for (int i = 0; i < 12; i++) {
            RSAKey randomKid = new RSAKey.Builder(forger).keyID(UUID.randomUUID().toString()).build();
            String token = TestTokens.sign(randomKid, TestTokens.claims("session").build());
            assertThat(get(GUARDED, "Bearer " + token, newClient()).statusCode()).isEqualTo(401);
        }
        assertThat(INFRA.identity.count(KEYS)).isEqualTo(fetches);
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedForwardedAddressIsTheClient() {
        Windows.awaitRoomInTheMinute();
        String a = newClient();
        String b = newClient();
        // Public and anonymous: counted against the client address's read budget (5).
        assertThat(remaining(a)).isEqualTo(4);
        assertThat(remaining(a)).isEqualTo(3);
        assertThat(remaining(b)).isEqualTo(4);
        // Whatever the client wrote on the left is ignored; trusted hops on the right are skipped.
        assertThat(remaining("198.51.100.250, " + b)).isEqualTo(3);
        assertThat(remaining("not-an-address, " + b + ", 127.0.0.7")).isEqualTo(2);
        // Two headers are one list.
        HttpResponse<String> split = send(HttpRequest.newBuilder(uri("/api/auth/jwks"))
                .header("X-Forwarded-For", "192.0.2.1").header("X-Forwarded-For", b).GET());
        assertThat(split.headers().firstValue("X-RateLimit-Remaining")).contains("1");
    }

    @Test
    void failedLoginsAreChargedToTheAddressesFailureBudgetAndSuccessfulOnesAreNot() {
        Windows.awaitRoomInTheMinute();
        String client = newClient();
        try {
            for (int i = 0; i < 2; i++) {
                assertThat(login(client, null).statusCode()).isEqualTo(200);
            }
            INFRA.identity.answer(LOGIN, WRONG_PASSWORD);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = login(client, null);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(json(refused).path("message").asText()).isEqualTo("Wrong e-mail or password.");
                // The failure budget's headers (the anonymous budget has 2 successes more behind it).
                assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(4 - i));
            }
        } finally {
            INFRA.identity.forget(LOGIN);
        }
    }

    @Test
    void passwordGuessingEndsIn429AndIdentityIsNotAskedAnyMore() {
        Windows.awaitRoomInTheMinute();
        String guesser = newClient();
        try {
            INFRA.identity.answer(LOGIN, WRONG_PASSWORD);
            // A fresh valid session with every guess: its own token budget each time, so only the
            // address's failure budget can stop this guesser.
            for (int i = 0; i < 5; i++) {
                assertThat(login(guesser, "Bearer " + INFRA.tokens.session()).statusCode()).isEqualTo(401);
            }
            long asked = INFRA.identity.count(LOGIN);
            HttpResponse<String> limited = login(guesser, "Bearer " + INFRA.tokens.session());
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
            assertThat(login(guesser, null).statusCode()).isEqualTo(429);
            assertThat(INFRA.identity.count(LOGIN)).isEqualTo(asked);
            // Another address still reaches identity.
            assertThat(login(newClient(), null).statusCode()).isEqualTo(401);
            assertThat(INFRA.identity.count(LOGIN)).isEqualTo(asked + 1);
        } finally {
            INFRA.identity.forget(LOGIN);
        }
    }

    @Test
    void ipv6ClientsOfOneSlash64ShareABudget() {
        Windows.awaitRoomInTheMinute();
        String network = "2001:db8:" + Integer.toHexString(CLIENTS.incrementAndGet());
        assertThat(remaining(network + ":1:0:0:0:1")).isEqualTo(4);
        // Another address of the same /64 (rotating through it buys nothing)...
        assertThat(remaining(network + ":1:dead:beef:cafe:2")).isEqualTo(3);
        assertThat(remaining("[" + network + ":1::3]:4711")).isEqualTo(2);
        // ...another /64 is another client.
        assertThat(remaining(network + ":2::1")).isEqualTo(4);
    }

    private static HttpResponse<String> login(String client, String authorization) {
        return send(request(LOGIN, authorization, client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.com\",\"password\":\"guess\"}")));
    }

    private static int remaining(String forwardedFor) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/jwks"))
                .header("X-Forwarded-For", forwardedFor).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return Integer.parseInt(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    /** A client address of its own (TEST-NET-3), so no test shares a budget with another. */
    private static String newClient() {
        return "203.0.113." + CLIENTS.incrementAndGet();
    }

    private static HttpRequest.Builder request(String path, String authorization, String client) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", client);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static HttpResponse<String> get(String path, String authorization, String client) {
        return send(request(path, authorization, client).GET());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .build().send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
