package io.wharf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.test.InProcessMongo;
import io.wharf.gateway.support.DefaultGatewayTest;
import io.wharf.gateway.support.StubService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** SPEC §1.6 through the running gateway, against a stub service that counts executions. */
class IdempotencyTest extends DefaultGatewayTest {

    @Test
    void theFirstRequestRunsAndARetryWithTheSameBodyIsReplayed() {
        String path = counting(201);
        String token = INFRA.tokens.session();

        HttpResponse<String> first = post(path, token, "k-1", "{\"name\":\"web\",\"ports\":[80,443],\"size\":1}");
        HttpResponse<String> retry = post(path, token, "k-1", "{ \"size\": 1.0,\n \"ports\": [80, 443], \"name\": \"web\" }");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.body()).isEqualTo(first.body()).contains("\"execution\":1");
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(retry.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(retry.headers().firstValue("X-Request-Id")).isNotEqualTo(first.headers().firstValue("X-Request-Id"));
        assertThat(retry.headers().firstValue("X-RateLimit-Remaining")).isNotEqualTo(first.headers().firstValue("X-RateLimit-Remaining"));
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    @Test
    void patchIsCoveredAndTheBodyReachesTheServiceIntact() {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        String token = INFRA.tokens.session();
        String body = "{\"note\":\"" + "x".repeat(5000) + "\"}";

        HttpResponse<String> first = send(request(path).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "p-1").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> retry = send(request(path).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "p-1").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));

        assertThat(json(first).get("bytes").asInt()).isEqualTo(body.length());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String path = counting(201);
        String token = INFRA.tokens.session();
        post(path, token, "k-2", "{\"name\":\"web\"}");

        HttpResponse<String> other = post(path, token, "k-2", "{\"name\":\"db\"}");

        assertThat(other.statusCode()).isEqualTo(409);
        JsonNode error = json(other);
        assertThat(error.get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(error.get("requestId").asText()).isEqualTo(other.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    @Test
    void aRetryWhileTheFirstStillRunsGetsConflictWithRetryAfterOne() throws Exception {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        INFRA.project.answer(path, new StubService.Answer(201, Map.of(), () -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{\"id\":\"slow\"}";
        }));
        String token = INFRA.tokens.session();

        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> post(path, token, "k-3", "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> INFRA.project.count(path) == 1);
        HttpResponse<String> concurrent = post(path, token, "k-3", "{}");
        release.countDown();

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(concurrent.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(concurrent).get("code").asText()).isEqualTo("CONFLICT");
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        HttpResponse<String> after = post(path, token, "k-3", "{}");
        assertThat(after.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    @Test
    void manyConcurrentRetriesRunTheRequestOnce() throws Exception {
        String path = counting(201);
        String token = INFRA.tokens.session();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(CompletableFuture.supplyAsync(() -> post(path, token, "k-4", "{\"a\":1}")));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> response : all) {
            statuses.add(response.get(20, TimeUnit.SECONDS).statusCode());
        }

        assertThat(statuses).containsOnly(201, 409).contains(201);
        assertThat(INFRA.project.count(path)).isEqualTo(1);
    }

    @Test
    void aFailedOutcomeIsNotStoredSoTheClientMayRetry() {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        INFRA.project.answer(path, new StubService.Answer(400, Map.of(), () -> "{\"code\":\"VALIDATION_ERROR\"}"));
        String token = INFRA.tokens.session();

        assertThat(post(path, token, "k-5", "{}").statusCode()).isEqualTo(400);
        INFRA.project.answer(path, new StubService.Answer(201, Map.of(), () -> "{\"id\":\"now\"}"));
        HttpResponse<String> retry = post(path, token, "k-5", "{}");

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(INFRA.project.count(path)).isEqualTo(2);
    }

    @Test
    void theServiceGetsTheRecordsGenerationNeverTheClients() {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        INFRA.project.answer(path, new StubService.Answer(400, Map.of(), () -> "{\"code\":\"VALIDATION_ERROR\"}"));
        String token = INFRA.tokens.session();

        assertThat(send(request(path).header("Authorization", "Bearer " + token).header("Idempotency-Key", "k-g")
                .header(IdempotentIds.GENERATION_HEADER, "forged").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(400);
        INFRA.project.answer(path, new StubService.Answer(201, Map.of(), () -> "{\"id\":\"now\"}"));
        assertThat(post(path, token, "k-g", "{\"fixed\":true}").statusCode()).isEqualTo(201);
        assertThat(post(path, token, "k-other", "{}").statusCode()).isEqualTo(201);

        List<String> generations = INFRA.project.received().stream().filter(r -> r.path().equals(path))
                .map(r -> r.header(IdempotentIds.GENERATION_HEADER)).toList();
        assertThat(generations).hasSize(3).doesNotContainNull().doesNotContain("forged");
        assertThat(generations.get(1)).as("a run after a failed one is the same request to the service")
                .isEqualTo(generations.get(0));
        assertThat(generations.get(2)).as("another key").isNotEqualTo(generations.get(0));
    }

    @Test
    void anotherCredentialNeverGetsTheStoredResponse() {
        String path = counting(201);
        String key = "k-6";
        post(path, INFRA.tokens.session(), key, "{}");

        HttpResponse<String> stranger = post(path, INFRA.tokens.session(), key, "{}");

        assertThat(stranger.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(stranger.body()).contains("\"execution\":2");
        assertThat(INFRA.project.count(path)).isEqualTo(2);
    }

    @Test
    void invalidKeysAreRefusedBeforeAnythingRuns() {
        String path = counting(201);
        String token = INFRA.tokens.session();
        for (String key : new String[] {"", "a".repeat(201), "tab\there"}) {
            HttpResponse<String> refused = post(path, token, key, "{}");
            assertThat(refused.statusCode()).as("key '%s'", key).isEqualTo(400);
            assertThat(json(refused).get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(json(refused).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        HttpResponse<String> two = send(request(path).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "a").header("Idempotency-Key", "b")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(post(path, token, "a".repeat(200), "{}").statusCode()).isEqualTo(201);
        assertThat(post(path, token, "~ !key with spaces & symbols:{}", "{}").statusCode()).isEqualTo(201);
        assertThat(INFRA.project.count(path)).isEqualTo(2);
    }

    @Test
    void storedResponsesAreEncryptedAndExpireAfterADay() {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        String secret = "wharf_pat_" + UUID.randomUUID().toString().replace("-", "");
        INFRA.project.answer(path, new StubService.Answer(201, Map.of(),
                () -> "{\"id\":\"t-1\",\"name\":\"ci\",\"token\":\"" + secret + "\"}"));
        String token = INFRA.tokens.session();

        HttpResponse<String> created = post(path, token, "k-7", "{\"name\":\"ci\"}");
        HttpResponse<String> replayed = post(path, token, "k-7", "{\"name\":\"ci\"}");

        assertThat(replayed.body()).isEqualTo(created.body()).contains(secret);
        MongoCollection<Document> records = InProcessMongo.client().getDatabase("wharf-gateway").getCollection("idempotency_keys");
        List<Document> all = records.find().into(new ArrayList<>());
        assertThat(all).isNotEmpty().allSatisfy(record -> {
            assertThat(record.toJson()).doesNotContain(secret).doesNotContain("k-7").doesNotContain("ci\"");
        });
        Document expiry = records.listIndexes().into(new ArrayList<>()).stream()
                .filter(index -> "expiry".equals(index.getString("name"))).findFirst().orElseThrow();
        assertThat(((Number) expiry.get("expireAfterSeconds")).longValue()).isZero();
        Instant expireAt = all.stream().filter(r -> "done".equals(r.getString("state")))
                .map(r -> r.getDate("expireAt").toInstant()).max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(Instant.now(), expireAt)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
    }

    @Test
    void anonymousRequestsAndOtherMethodsPassThrough() {
        String login = "/api/auth/login";
        long before = INFRA.identity.count(login);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = send(request(login).header("Idempotency-Key", "k-8")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
        }
        assertThat(INFRA.identity.count(login)).isEqualTo(before + 2);

        String path = counting(200);
        String token = INFRA.tokens.session();
        for (int i = 0; i < 2; i++) {
            send(request(path).header("Authorization", "Bearer " + token).header("Idempotency-Key", "k-9")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        }
        assertThat(INFRA.project.count(path)).isEqualTo(2);
    }

    /**
     * The decision for anonymous POSTs (docs/gateway.md): the key is checked and passed on, nothing
     * is stored (login answers carry tokens; there is no credential to scope by), so a retried
     * register gets the service's own answer: 409 on the e-mail, not a replay of the first 201.
     */
    @Test
    void aRetriedAnonymousRegisterGetsTheServicesOwnAnswerAndNothingIsStored() {
        String register = "/api/auth/register";
        INFRA.identity.answer(register, new StubService.Answer(201, Map.of("Location", "/api/users/me"),
                () -> "{\"user\":{\"id\":\"u-1\"},\"token\":\"session-jwt\"}"));
        try {
            MongoCollection<Document> records = InProcessMongo.client().getDatabase("wharf-gateway")
                    .getCollection("idempotency_keys");
            long recordsBefore = records.countDocuments();
            long before = INFRA.identity.count(register);
            String body = "{\"email\":\"ada@example.com\",\"password\":\"correct horse\",\"firstName\":\"Ada\"}";

            HttpResponse<String> first = send(request(register).header("Idempotency-Key", "r-1")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(records.countDocuments()).as("a 2xx of an anonymous POST is not stored").isEqualTo(recordsBefore);
            // as identity does: the e-mail is registered now
            INFRA.identity.answer(register, new StubService.Answer(409, Map.of(),
                    () -> "{\"code\":\"CONFLICT\",\"field\":\"email\",\"message\":\"E-mail is already registered.\"}"));
            HttpResponse<String> retry = send(request(register).header("Idempotency-Key", "r-1")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(retry.statusCode()).isEqualTo(409);
            assertThat(json(retry).get("field").asText()).isEqualTo("email");
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(INFRA.identity.count(register)).isEqualTo(before + 2);
            assertThat(INFRA.identity.last(register).header("Idempotency-Key")).as("passed on").isEqualTo("r-1");
            assertThat(records.countDocuments()).isEqualTo(recordsBefore);

            // checked all the same: a malformed key is refused and never reaches the service
            HttpResponse<String> refused = send(request(register).header("Idempotency-Key", "tab\there")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).get("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(INFRA.identity.count(register)).isEqualTo(before + 2);
        } finally {
            INFRA.identity.forget(register);
        }
    }

    /** A fresh path whose answers say how many times it ran: {"execution":n}, with a Location. */
    private static String counting(int status) {
        String path = "/api/acme/projects/" + UUID.randomUUID();
        AtomicInteger executions = new AtomicInteger();
        INFRA.project.answer(path, new StubService.Answer(status, Map.of("Location", path + "/created"),
                () -> "{\"execution\":" + executions.incrementAndGet() + "}"));
        return path;
    }

    private HttpResponse<String> post(String path, String token, String key, String body) {
        return send(request(path).header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
