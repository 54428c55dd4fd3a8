package io.wharf.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.web.testapp.WebTestApplication;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import io.wharf.common.test.InProcessMongo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every path of the shared web layer over real HTTP (Tomcat), because container errors and the
 * {@code /error} dispatch do not exist in MockMvc.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "wharf.security.internal-secret=" + WharfWebLayerTest.SECRET,
                "wharf.web.max-body-size=2KB",
                "spring.main.banner-mode=off",
                // The test app has Axon on the classpath (command-path errors are tested), so it gets
                // the event store on the in-process Mongo; nothing here needs Kafka.
                "spring.data.mongodb.database=t-web-layer",
                "wharf.kafka.publisher.enabled=false"})
@ExtendWith(InProcessMongo.class)
class WharfWebLayerTest {

    static final String SECRET = "test-internal-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private Answer send(HttpRequest.Builder builder) throws Exception {
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response, body);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    private Answer postJson(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The envelope, the request id in the body and the same id in X-Request-Id. */
    private static void assertEnvelope(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.body().path("code").asText()).isEqualTo(code);
        if (field == null) {
            assertThat(answer.body().has("field")).as(answer.raw().body()).isFalse();
        } else {
            assertThat(answer.body().path("field").asText()).as(answer.raw().body()).isEqualTo(field);
        }
        String requestId = answer.header("X-Request-Id");
        assertThat(requestId).matches("req_[0-9a-f]{32}|[A-Za-z0-9._:-]{1,128}");
        assertThat(answer.body().path("requestId").asText()).isEqualTo(requestId);
        assertThat(answer.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
    }

    // --- request ids --------------------------------------------------------------------------

    @Test
    void createsARequestIdWhenNoneIsSent() throws Exception {
        Answer answer = get("/context");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Request-Id")).matches("req_[0-9a-f]{32}");
        assertThat(answer.body().path("requestId").asText()).isEqualTo(answer.header("X-Request-Id"));
    }

    @Test
    void keepsAValidClientRequestIdAndEchoesItOnErrors() throws Exception {
        Answer answer = send(request("/boom").header("X-Request-Id", "client-id:42").GET());
        assertEnvelope(answer, 500, "INTERNAL", null);
        assertThat(answer.header("X-Request-Id")).isEqualTo("client-id:42");
    }

    @Test
    void replacesAnInvalidClientRequestId() throws Exception {
        Answer answer = send(request("/context").header("X-Request-Id", "bad id with spaces").GET());
        assertThat(answer.header("X-Request-Id")).matches("req_[0-9a-f]{32}");
    }

    // --- context and principal ----------------------------------------------------------------

    @Test
    void setsTheRequestContextWithRouteTemplateAndIdempotencyKey() throws Exception {
        Answer answer = send(request("/context").header("Idempotency-Key", "k-1").GET());
        assertThat(answer.body().path("context").asText()).isEqualTo("http");
        assertThat(answer.body().path("method").asText()).isEqualTo("get");
        assertThat(answer.body().path("route").asText()).isEqualTo("/context");
        assertThat(answer.body().path("idempotencyKey").asText()).isEqualTo("k-1");
        assertThat(answer.body().path("anonymous").asBoolean()).isTrue();
    }

    @Test
    void resolvesTheCallerFromAValidAssertion() throws Exception {
        InternalAssertion assertion = new InternalAssertion(SECRET, 30, Clock.systemUTC());
        String header = assertion.sign(new WharfPrincipal("u-1", "ada@example.com", "session", "jti-1", null,
                ActorType.USER), "req_1");
        Answer answer = send(request("/me/my-team").header(InternalAssertion.HEADER, header)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("userId").asText()).isEqualTo("u-1");
        assertThat(answer.body().path("principalInContext").asText()).isEqualTo("u-1");
        assertThat(answer.body().path("route").asText()).isEqualTo("/me/{teamSlug}");
        assertThat(answer.body().path("method").asText()).isEqualTo("post");
    }

    @Test
    void refusesAnAnonymousCallerWhereAPrincipalIsRequired() throws Exception {
        assertEnvelope(send(request("/me/t").POST(HttpRequest.BodyPublishers.noBody())), 401, "UNAUTHORIZED", null);
    }

    @Test
    void treatsForgedAndExpiredAssertionsAsAnonymous() throws Exception {
        InternalAssertion forger = new InternalAssertion("another-secret-0123456789abcdefghijkl", 30,
                Clock.systemUTC());
        WharfPrincipal p = new WharfPrincipal("u-1", "a@b.c", "session", "j", null, ActorType.USER);
        assertEnvelope(send(request("/me/t").header(InternalAssertion.HEADER, forger.sign(p, "r"))
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "UNAUTHORIZED", null);
        InternalAssertion past = new InternalAssertion(SECRET, 30,
                Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC));
        assertEnvelope(send(request("/me/t").header(InternalAssertion.HEADER, past.sign(p, "r"))
                .POST(HttpRequest.BodyPublishers.noBody())), 401, "UNAUTHORIZED", null);
    }

    // --- domain refusals ----------------------------------------------------------------------

    @Test
    void translatesWharfExceptionsByTheirCode() throws Exception {
        Answer conflict = get("/conflict");
        assertEnvelope(conflict, 409, "CONFLICT", "name");
        assertThat(conflict.body().path("message").asText()).isEqualTo("Name taken.");
        assertThat(conflict.body().path("hint").asText()).isEqualTo("Choose another name.");
        assertEnvelope(get("/things/" + java.util.UUID.randomUUID()), 404, "NOT_FOUND", "thingId");
        assertThat(conflict.header("Retry-After")).as("a plain conflict does not pass by waiting").isNull();
        assertThat(conflict.body().has("retryAfter")).isFalse();
        // a conflict that passes by itself says when to retry
        Answer busy = get("/busy");
        assertEnvelope(busy, 409, "CONFLICT", "thingId");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(busy.body().path("retryAfter").asLong()).isEqualTo(1);
    }

    @Test
    void addsRetryAfterTo503And429() throws Exception {
        Answer unavailable = get("/unavailable");
        assertEnvelope(unavailable, 503, "SERVICE_UNAVAILABLE", null);
        assertThat(unavailable.header("Retry-After")).isEqualTo("7");
        assertThat(unavailable.body().path("retryAfter").asLong()).isEqualTo(7);
        Answer limited = get("/limited");
        assertEnvelope(limited, 429, "RATE_LIMITED", null);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void hidesUnexpectedFailuresBehindAGenericMessage() throws Exception {
        Answer answer = get("/boom");
        assertEnvelope(answer, 500, "INTERNAL", null);
        assertThat(answer.raw().body()).doesNotContain("secret internal detail");
    }

    // --- Axon ---------------------------------------------------------------------------------

    @Test
    void unwrapsCommandExecutionExceptionsToTheirCause() throws Exception {
        assertEnvelope(get("/axon/wrapped"), 409, "CONFLICT", "prefix");
    }

    @Test
    void usesTheDetailsOfACommandExecutionExceptionWithoutCause() throws Exception {
        assertEnvelope(get("/axon/details"), 412, "PRECONDITION_FAILED", "versionId");
    }

    @Test
    void mapsAggregateNotFoundTo404AndConcurrencyTo409() throws Exception {
        assertEnvelope(get("/axon/not-found"), 404, "NOT_FOUND", null);
        Answer conflict = get("/axon/concurrency");
        assertEnvelope(conflict, 409, "CONFLICT", null);
        assertThat(conflict.raw().body()).doesNotContain("sequence");
    }

    // --- request validation -------------------------------------------------------------------

    @Test
    void acceptsAValidBody() throws Exception {
        Answer answer = postJson("/things", "{\"name\":\"a\",\"count\":1,\"items\":[{\"label\":\"x\"}]}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void reportsBeanValidationErrorsWithThePropertyPath() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\":\"\",\"count\":1}"), 400, "VALIDATION_ERROR", "name");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"items\":[{\"label\":\"x\"},{\"label\":\"\"}]}"),
                400, "VALIDATION_ERROR", "items[1].label");
    }

    @Test
    void reportsMethodParameterValidation() throws Exception {
        assertEnvelope(get("/sized?tag=toolong"), 400, "VALIDATION_ERROR", "tag");
    }

    @Test
    void refusesMalformedJson() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\": "), 400, "VALIDATION_ERROR", null);
        assertEnvelope(postJson("/things", "not json"), 400, "VALIDATION_ERROR", null);
    }

    @Test
    void refusesAMissingBody() throws Exception {
        assertEnvelope(postJson("/things", ""), 400, "VALIDATION_ERROR", null);
    }

    @Test
    void reportsWrongTypesWithTheJsonPath() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":\"many\"}"), 400, "VALIDATION_ERROR", "count");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"ownerId\":\"not-a-uuid\"}"), 400,
                "VALIDATION_ERROR", "ownerId");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"items\":[{\"label\":[1]}]}"), 400,
                "VALIDATION_ERROR", "items[0].label");
    }

    @Test
    void rejectsUnknownProperties() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}"), 400,
                "VALIDATION_ERROR", "colour");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"items\":[{\"label\":\"x\",\"y\":1}]}"),
                400, "VALIDATION_ERROR", "items[0].y");
    }

    @Test
    void refusesAKeyGivenTwiceWithItsPath() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"name\":\"b\"}"), 400,
                "VALIDATION_ERROR", "name");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"items\":[{\"label\":\"x\"},"
                + "{\"label\":\"y\",\"label\":\"z\"}]}"), 400, "VALIDATION_ERROR", "items[1].label");
    }

    @Test
    void refusesBadUuidPathAndQueryParameters() throws Exception {
        assertEnvelope(get("/things/not-a-uuid"), 400, "VALIDATION_ERROR", "thingId");
        assertEnvelope(get("/search?limit=1&owner=nope"), 400, "VALIDATION_ERROR", "owner");
        assertEnvelope(get("/search?limit=lots"), 400, "VALIDATION_ERROR", "limit");
    }

    @Test
    void refusesMissingParameters() throws Exception {
        assertEnvelope(get("/search"), 400, "VALIDATION_ERROR", "limit");
    }

    @Test
    void refusesUnsupportedMediaTypes() throws Exception {
        assertEnvelope(send(request("/things").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=a"))), 400, "VALIDATION_ERROR", null);
    }

    @Test
    void answersErrorsInJsonEvenWhenTheClientAcceptsOnlyHtml() throws Exception {
        assertEnvelope(send(request("/conflict").header("Accept", "text/html").GET()), 409, "CONFLICT", "name");
    }

    // --- routes -------------------------------------------------------------------------------

    @Test
    void answersUnknownRoutesWithNotFound() throws Exception {
        assertEnvelope(get("/nowhere/at/all"), 404, "NOT_FOUND", null);
    }

    @Test
    void answersUnsupportedMethodsWithNotFound() throws Exception {
        assertEnvelope(send(request("/things").DELETE()), 404, "NOT_FOUND", null);
        assertEnvelope(send(request("/boom").POST(HttpRequest.BodyPublishers.noBody())), 404, "NOT_FOUND", null);
    }

    // --- body limit ---------------------------------------------------------------------------

    @Test
    void refusesABodyOverTheLimitByContentLength() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(3000) + "\",\"count\":1}";
        assertEnvelope(postJson("/things", big), 413, "VALIDATION_ERROR", null);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWhileReading() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(3000) + "\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends it chunked: no Content-Length to trust.
        Answer answer = send(request("/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEnvelope(answer, 413, "VALIDATION_ERROR", null);
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        byte[] small = "{\"name\":\"ok\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
        Answer answer = send(request("/things").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))));
        assertThat(answer.status()).isEqualTo(201);
    }

    // --- container errors ---------------------------------------------------------------------

    @Test
    void translatesContainerErrorsToTheEnvelope() throws Exception {
        Answer answer = send(request("/container-error").header("X-Request-Id", "container-1").GET());
        assertEnvelope(answer, 409, "CONFLICT", null);
        assertThat(answer.body().path("requestId").asText()).isEqualTo("container-1");
        Answer internal = get("/container-error-500");
        assertEnvelope(internal, 500, "INTERNAL", null);
        assertThat(internal.raw().body()).doesNotContain("secret container detail");
    }

    @Test
    void answersADirectCallOfTheErrorPathWithNotFound() throws Exception {
        assertEnvelope(get("/error"), 404, "NOT_FOUND", null);
    }

    // --- more paths ---------------------------------------------------------------------------

    @Test
    void reportsSpringMethodValidationWithTheParameterName() throws Exception {
        assertEnvelope(get("/plain/page?page=0"), 400, "VALIDATION_ERROR", "page");
    }

    @Test
    void refusesAMissingHeader() throws Exception {
        assertEnvelope(get("/plain/header"), 400, "VALIDATION_ERROR", "X-Thing");
    }

    @Test
    void reportsAxonCommandValidationWithTheProperty() throws Exception {
        assertEnvelope(get("/plain/axon-validation"), 400, "VALIDATION_ERROR", "name");
    }

    @Test
    void mapsOtherStatusExceptionsByTheirStatus() throws Exception {
        Answer answer = get("/plain/status");
        assertEnvelope(answer, 400, "VALIDATION_ERROR", null);
        assertThat(answer.raw().body()).doesNotContain("secret reason");
    }

    @Test
    void translatesFailuresOutsideSpringMvc() throws Exception {
        Answer answer = get("/filter-failure");
        assertEnvelope(answer, 500, "INTERNAL", null);
        assertThat(answer.raw().body()).doesNotContain("secret filter detail");
    }

    @Test
    void anErrorCarriesNoHeaderOfTheFailedHandler() throws Exception {
        Answer answer = get("/half-done");
        assertEnvelope(answer, 409, "CONFLICT", null);
        assertThat(answer.header("Set-Cookie")).isNull();
        assertThat(answer.header("Location")).isNull();
    }

    @Test
    void refusesScalarCoercionsAndOtherSloppyJson() throws Exception {
        assertEnvelope(postJson("/things", "{\"name\":5,\"count\":1}"), 400, "VALIDATION_ERROR", "name");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":\"1\"}"), 400, "VALIDATION_ERROR", "count");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1.5}"), 400, "VALIDATION_ERROR", "count");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":null}"), 400, "VALIDATION_ERROR", "count");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"active\":\"yes\"}"), 400,
                "VALIDATION_ERROR", "active");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1,\"colourCode\":0}"), 400,
                "VALIDATION_ERROR", "colourCode");
        assertEnvelope(postJson("/things", "{\"name\":\"a\",\"count\":1} {}"), 400, "VALIDATION_ERROR", null);
        assertThat(postJson("/things", "{\"name\":\"a\",\"count\":1,\"active\":true,\"colourCode\":\"RED\"}")
                .status()).isEqualTo(201);
    }
}
