package io.wharf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real-HTTP plumbing of identity's API tests: send a request, read status, headers and JSON body. */
public final class HttpExchange {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpExchange() {
    }

    /** What came back; {@code body} is null unless the response is non-empty JSON. */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * The error envelope without its {@code requestId} (the one part that differs between two
     * requests): two answers with equal envelopes tell a client nothing apart.
     */
    public static JsonNode envelope(Answer answer) {
        if (answer.body() == null || !answer.body().isObject()) {
            throw new AssertionError("not a JSON envelope: " + answer.status() + " " + answer.raw().body());
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = answer.body().deepCopy();
        copy.remove("requestId");
        return copy;
    }

    /** The error envelope of SPEC §1.2: status, code, the field when given, and the request id of the header. */
    public static void assertError(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.body().path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(answer.body().path("field").asText()).isEqualTo(field);
        }
        assertThat(answer.body().path("requestId").asText()).isEqualTo(answer.header("X-Request-Id")).isNotBlank();
    }

    public static Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(r.statusCode(), r, json && !r.body().isEmpty() ? JSON.readTree(r.body()) : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
