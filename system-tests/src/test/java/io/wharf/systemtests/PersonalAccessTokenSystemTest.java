package io.wharf.systemtests;

import static io.wharf.systemtests.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.launcher.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A personal access token acts for its user through the gateway until it is deleted (SPEC §1.3). */
@ExtendWith(RunningStack.class)
class PersonalAccessTokenSystemTest {

    @Test
    void aDeletedTokenIsRefusedWithinFiveSeconds(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        Api.Reply registered = api.post("/api/auth/register", Map.of("email", "pat-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "firstName", "Pat"), Map.of());
        String session = registered.json().get("token").asText();

        Api.Reply created = api.post("/api/tokens", Map.of("name", "ci", "expirationInDays", 0), bearer(session));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String pat = created.json().get("token").asText();
        String id = created.json().get("id").asText();

        Api.Reply listed = api.get("/api/tokens", bearer(pat));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("id")).containsExactly(id);

        Api.Reply deleted = api.delete("/api/tokens/" + id, bearer(session));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/api/tokens", bearer(pat)).status()).isEqualTo(401));
        assertThat(api.get("/api/tokens", bearer(session)).status()).isEqualTo(200);
    }

    /**
     * A PAT on another service's team route (project-service: SPEC §1.3 "usable as Bearer on every
     * route"), refused there within 5 s of its deletion; and its events, as published on Kafka, carry
     * the actor and request facts (DESIGN §5's audit facts).
     */
    @Test
    void aTokenActsOnTeamRoutesUntilDeletedAndItsEventsNameTheActor(Stack stack) {
        Api api = new Api(stack.gatewayUrl());
        Api.Reply registered = api.post("/api/auth/register", Map.of("email", "pat-team-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "firstName", "Pat"), Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String session = registered.json().get("token").asText();
        String userId = registered.json().at("/user/id").asText();
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/teams", Map.of("name", "PAT " + slug, "slug", slug), bearer(session)).status())
                .isEqualTo(201);

        Api.Reply created = api.post("/api/tokens", Map.of("name", "ci-" + slug, "expirationInDays", 0), bearer(session));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String pat = created.json().get("token").asText();
        String id = created.json().get("id").asText();

        Api.Reply projects = api.get("/api/" + slug + "/projects", bearer(pat));
        assertThat(projects.status()).as(projects.toString()).isEqualTo(200);
        Api.Reply project = api.post("/api/" + slug + "/projects", Map.of("type", "versioned", "name", "By PAT"), bearer(pat));
        assertThat(project.status()).as(project.toString()).isEqualTo(201);

        assertThat(api.delete("/api/tokens/" + id, bearer(session)).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/api/" + slug + "/projects", bearer(pat)).status()).isEqualTo(401));
        assertThat(api.get("/api/" + slug + "/projects", bearer(session)).status()).isEqualTo(200);

        Duration within = Duration.ofSeconds(30);
        JsonNode createdEvent = PublishedEvents.await(stack.kafkaBootstrap(), "wharf.identity.events", within,
                PublishedEvents.of("PersonalAccessTokenCreatedEvent", id));
        JsonNode revokedEvent = PublishedEvents.await(stack.kafkaBootstrap(), "wharf.identity.events", within,
                PublishedEvents.of("PersonalAccessTokenRevokedEvent", id));
        for (JsonNode event : new JsonNode[] {createdEvent, revokedEvent}) {
            assertThat(event.path("actorid").asText()).as(event.toString()).isEqualTo(userId);
            assertThat(event.path("actortype").asText()).as(event.toString()).isEqualTo("user");
            assertThat(event.path("requestid").asText()).as(event.toString()).isNotBlank();
            assertThat(event.path("route").asText()).as(event.toString()).startsWith("/api/tokens");
            assertThat(event.toString()).as("never the token").doesNotContain(pat);
        }
        assertThat(createdEvent.path("method").asText()).isEqualToIgnoringCase("post");
        assertThat(revokedEvent.path("method").asText()).isEqualToIgnoringCase("delete");
        // the project made with the PAT names the user as its actor too
        PublishedEvents.await(stack.kafkaBootstrap(), "wharf.project.events", within,
                e -> PublishedEvents.of("ProjectCreatedEvent", project.json().get("id").asText()).test(e)
                        && userId.equals(e.path("actorid").asText()));
    }
}
