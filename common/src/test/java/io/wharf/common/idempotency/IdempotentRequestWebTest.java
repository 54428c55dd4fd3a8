package io.wharf.common.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.IdempotentIds;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.web.testapp.Ticket;
import io.wharf.common.web.testapp.WebTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service side of SPEC §1.6's crash rule over real HTTP: the gateway lost what it would have
 * replayed, so the same request (same key, credential, method, path) reaches the service twice. The
 * servlet layer puts the path into the request context, the command carries the scope, the
 * controller's id comes from {@code IdempotentIds}: the retry is answered like the first request and
 * the aggregate is created once.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "wharf.security.internal-secret=" + IdempotentRequestWebTest.SECRET,
                "spring.main.banner-mode=off",
                "spring.data.mongodb.database=t-idempotent-web",
                "wharf.kafka.publisher.enabled=false"})
@ExtendWith(InProcessMongo.class)
class IdempotentRequestWebTest {

    static final String SECRET = "test-internal-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    @Test
    void theSameRequestTwiceCreatesOneTicketAndAnswersAlike() throws Exception {
        int before = Ticket.OPENED.get();
        String principal = principal("jti-web-1");

        HttpResponse<String> first = open(principal, "key-1");
        HttpResponse<String> retry = open(principal, "key-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        String id = JSON.readTree(first.body()).get("id").asText();
        assertThat(events.readEvents(id).asStream().count()).isEqualTo(1);
        assertThat(Ticket.OPENED.get()).isEqualTo(before + 1);
    }

    @Test
    void anotherKeyOrCredentialOrNoKeyCreatesAnotherTicket() throws Exception {
        String first = id(open(principal("jti-web-2"), "key-2"));

        assertThat(id(open(principal("jti-web-2"), "key-3"))).isNotEqualTo(first);
        assertThat(id(open(principal("jti-web-3"), "key-2"))).isNotEqualTo(first);
        String unkeyed = id(open(principal("jti-web-2"), null));
        assertThat(id(open(principal("jti-web-2"), null))).isNotEqualTo(unkeyed);
    }

    @Test
    void theGatewaysGenerationScopesTheKey() throws Exception {
        int before = Ticket.OPENED.get();
        String principal = principal("jti-web-4");

        String first = id(open(principal, "key-4", "gen-1"));
        assertThat(id(open(principal, "key-4", "gen-1"))).as("a retry within the record's life").isEqualTo(first);
        assertThat(Ticket.OPENED.get()).isEqualTo(before + 1);

        // the gateway's record expired and the key is used again: a new request, a new ticket
        String reused = id(open(principal, "key-4", "gen-2"));
        assertThat(reused).isNotEqualTo(first);
        assertThat(Ticket.OPENED.get()).isEqualTo(before + 2);
        assertThat(events.readEvents(reused).asStream().count()).isEqualTo(1);
    }

    private static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static String principal(String tokenId) {
        return new InternalAssertion(SECRET, 30, Clock.systemUTC()).sign(
                new WharfPrincipal("u-1", "ada@example.com", WharfPrincipal.PAT, tokenId, "ci", ActorType.USER),
                "req_idempotent");
    }

    private HttpResponse<String> open(String principal, String key) throws Exception {
        return open(principal, key, null);
    }

    private HttpResponse<String> open(String principal, String key, String generation) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tickets"))
                .timeout(Duration.ofSeconds(10))
                .header(InternalAssertion.HEADER, principal)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"printer on fire\"}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (generation != null) {
            request.header(IdempotentIds.GENERATION_HEADER, generation);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
