package io.wharf.identity.team;

import static io.wharf.identity.HttpExchange.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.kafka.Topics;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.WharfMetadata;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.TopicReader;
import io.wharf.identity.HttpExchange;
import io.wharf.identity.HttpExchange.Answer;
import io.wharf.identity.IdentityTestInfrastructure;
import io.wharf.common.axon.ViewWait;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The team routes and users/me over real HTTP, through the real Axon command path on the in-process
 * Mongo and Kafka: status codes and shapes of every route, cross-team isolation, the role matrix of
 * SPEC §1.4 as a table, and slug races.
 */
// Closed after the class: a cached context would keep its Kafka consumers in the service's
// consumer groups and take the partitions from the next test class's context.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
class TeamApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IdentityTestInfrastructure.properties(registry, TeamApiTest.class);
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    ViewWait viewWait;

    private final InternalAssertion assertions = new InternalAssertion(IdentityTestInfrastructure.SECRET, 30,
            Clock.systemUTC());

    record Person(String id, String email) {
    }


    // --- plumbing -------------------------------------------------------------------------------

    private Answer send(HttpRequest.Builder builder) {
        return HttpExchange.send(builder);
    }

    private HttpRequest.Builder request(String path, Person caller) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (caller != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(caller.id(), caller.email(),
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_test"));
        }
        return builder;
    }

    private Answer call(String method, String path, String json, Person caller) {
        HttpRequest.Builder builder = request(path, caller);
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private Person register(String firstName) {
        String email = firstName.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        Answer answer = call("POST", "/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"%s","lastName":"Tester"}"""
                .formatted(email, firstName), null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return new Person(answer.body().path("user").path("id").asText(), email);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private Answer createTeam(Person caller, String name, String slug) {
        return call("POST", "/api/teams", """
                {"name":"%s","slug":"%s"}""".formatted(name, slug), caller);
    }

    private String newTeam(Person owner) {
        Answer answer = createTeam(owner, unique("Team "), unique("t-"));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    /**
     * The member joins as in production: invited by the owner, accepting the invitation; then the
     * owner's promotion; then, like the routes, wait until the team views show it.
     */
    private void join(String teamId, Person member, TeamRole role, Person owner) {
        Answer invited = call("POST", "/api/teams/" + teamId + "/users",
                "{\"email\":\"" + member.email() + "\",\"firstName\":\"Member\"}", owner);
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        Answer accepted = call("POST", "/api/users/me/invitations/" + teamId, null, member);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(204);
        if (role != TeamRole.USER) {
            commands.sendAndWait(new ChangeMemberRoleCommand(teamId, owner.id(), member.id(), role.wire()));
        }
        viewWait.awaitView(teamId, new FindTeamViewVersionQuery(teamId));
    }

    // --- create ---------------------------------------------------------------------------------

    @Test
    void createAnswers201WithLocationAndTheTeam() {
        Person ada = register("Ada");
        String slug = unique("s-");
        Answer answer = createTeam(ada, "Analytical Engines " + slug, slug);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        String id = answer.body().path("id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(answer.header("Location")).isEqualTo("/api/teams/" + id);
        assertThat(answer.body().fieldNames()).toIterable().containsExactlyInAnyOrder("statistics", "id", "name", "slug");
        assertThat(answer.body().path("name").asText()).isEqualTo("Analytical Engines " + slug);
        assertThat(answer.body().path("slug").asText()).isEqualTo(slug);
        assertThat(answer.body().path("statistics").toString())
                .isEqualTo("{\"users\":1,\"projects\":0,\"nodes\":0,\"versions\":0,\"deployments\":0}");
    }

    @Test
    void creatingNeedsACaller() {
        assertError(createTeam(null, unique("T "), unique("t-")), 401, "UNAUTHORIZED", null);
        assertError(createTeam(null, "", "x"), 401, "UNAUTHORIZED", null);
        assertError(call("GET", "/api/teams", null, null), 401, "UNAUTHORIZED", null);
    }

    @Test
    void aDeploymentTokenCannotUseTeamRoutes() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String slug = call("GET", "/api/teams/" + team, null, ada).body().path("slug").asText();
        String anonymous = assertions.sign(new WharfPrincipal(null, null, WharfPrincipal.DEPLOYMENT, "jti-d", "ci",
                ActorType.DEPLOYMENT_TOKEN), "req_deploy");
        // as the gateway forwards a deployment token Ada created: her id as sub, yet it must not act as her
        String adas = assertions.sign(new WharfPrincipal(ada.id(), ada.email(), WharfPrincipal.DEPLOYMENT, "jti-d2", "ci",
                ActorType.DEPLOYMENT_TOKEN), "req_deploy");
        for (String token : new String[] {anonymous, adas}) {
            for (String[] route : new String[][] {{"GET", "/api/teams"}, {"GET", "/api/teams/" + team},
                    {"POST", "/api/users/me"}, {"GET", "/api/users/me"}, {"DELETE", "/api/teams/" + team},
                    {"DELETE", "/api/teams/" + team + "/users/leave"}}) {
                Answer answer = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + route[1]))
                        .header(InternalAssertion.HEADER, token).method(route[0], HttpRequest.BodyPublishers.noBody()));
                assertError(answer, 403, "FORBIDDEN_SCOPE", null);
            }
            for (String[] route : new String[][] {{"POST", "/api/teams", "{\"name\":\"D\",\"slug\":\"ddd\"}"},
                    {"PUT", "/api/teams/" + team, "{\"name\":\"Mine\",\"slug\":\"" + unique("m-") + "\"}"},
                    {"PUT", "/api/teams/" + team + "/users/" + ada.id() + "/role", "{\"role\":\"admin\"}"}}) {
                assertError(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + route[1]))
                        .header(InternalAssertion.HEADER, token).header("Content-Type", "application/json")
                        .method(route[0], HttpRequest.BodyPublishers.ofString(route[2]))),
                        403, "FORBIDDEN_SCOPE", null);
            }
        }
        // nor is it a member for other services' lookups
        Answer lookup = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/internal/teams/by-slug/" + slug + "/members/" + ada.id())).header(InternalAssertion.HEADER, adas).GET());
        assertThat(lookup.status()).isEqualTo(404);
        assertThat(call("GET", "/api/teams/" + team, null, ada).status()).as("the team is untouched").isEqualTo(200);
    }

    @Test
    void refusesBadNamesAndSlugsWithTheField() {
        Person ada = register("Ada");
        assertError(createTeam(ada, "Fine", "ab"), 400, "VALIDATION_ERROR", "slug");
        assertError(createTeam(ada, "Fine", "Upper-Case"), 400, "VALIDATION_ERROR", "slug");
        assertError(createTeam(ada, "Fine", "seventeen-chars-x"), 400, "VALIDATION_ERROR", "slug");
        assertError(createTeam(ada, "x".repeat(71), unique("t-")), 400, "VALIDATION_ERROR", "name");
        assertError(createTeam(ada, "  ", unique("t-")), 400, "VALIDATION_ERROR", "name");
        assertError(call("POST", "/api/teams", "{\"name\":\"Fine\"}", ada), 400, "VALIDATION_ERROR", "slug");
        assertError(call("POST", "/api/teams", "{\"name\":\"Fine\",\"slug\":\"fine-1\",\"owner\":\"x\"}", ada),
                400, "VALIDATION_ERROR", "owner");
        assertThat(createTeam(ada, "x".repeat(70), unique("t-")).status()).isEqualTo(201);
    }

    @Test
    void refusesControlCharactersInTeamNamesAndNothingIsStored() {
        Person ada = register("Ada");
        // JSON escapes: CR/LF (a mail Subject header or a log line split in two), TAB, NUL, DEL
        for (String evil : new String[] {"Evil\\r\\nBcc: x@example.com", "Evil\\nTeam", "Tab\\tTeam",
                "Nul\\u0000Team", "Del\\u007fTeam", "Trailing\\n"}) {
            assertError(createTeam(ada, evil, unique("c-")), 400, "VALIDATION_ERROR", "name");
        }
        assertThat(call("GET", "/api/teams", null, ada).body()).isEmpty();

        String team = newTeam(ada);
        String before = call("GET", "/api/teams/" + team, null, ada).body().path("name").asText();
        assertError(call("PUT", "/api/teams/" + team, "{\"name\":\"Re\\r\\nnamed\",\"slug\":\"re-named\"}", ada),
                400, "VALIDATION_ERROR", "name");
        assertThat(call("GET", "/api/teams/" + team, null, ada).body().path("name").asText()).isEqualTo(before);
        // printable non-ASCII is fine
        assertThat(createTeam(ada, "Équipe ☃ " + unique(""), unique("u-")).status()).isEqualTo(201);
    }

    @Test
    void slugsAndNamesAreGloballyUnique() {
        Person ada = register("Ada");
        Person grace = register("Grace");
        String slug = unique("u-");
        String name = unique("Unique ");
        assertThat(createTeam(ada, name, slug).status()).isEqualTo(201);

        assertError(createTeam(grace, unique("Other "), slug), 409, "CONFLICT", "slug");
        assertError(createTeam(grace, " " + name.toUpperCase() + " ", unique("t-")), 409, "CONFLICT", "name");
        // a refused create leaves its other value free
        String freeSlug = unique("f-");
        assertError(createTeam(grace, name, freeSlug), 409, "CONFLICT", "name");
        assertThat(createTeam(grace, unique("Free "), freeSlug).status()).isEqualTo(201);
    }

    @Test
    void ofConcurrentCreatesWithOneSlugExactlyOneWins() throws Exception {
        Person ada = register("Ada");
        String slug = unique("r-");
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String name = unique("Racer " + i + " ");
                futures.add(pool.submit(() -> {
                    start.await();
                    return createTeam(ada, name, slug);
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(racers - 1)
                    .allSatisfy(a -> assertError(a, 409, "CONFLICT", "slug"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(call("GET", "/api/teams", null, ada).body().findValuesAsText("slug")).containsOnlyOnce(slug);
    }

    @Test
    void ofConcurrentCreatesWithOneNameExactlyOneWins() throws Exception {
        Person ada = register("Ada");
        String name = unique("Same ");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Answer> a = pool.submit(() -> {
                start.await();
                return createTeam(ada, name, unique("a-"));
            });
            Future<Answer> b = pool.submit(() -> {
                start.await();
                return createTeam(ada, name, unique("b-"));
            });
            start.countDown();
            List<Integer> statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- reads ----------------------------------------------------------------------------------

    @Test
    void listsOnlyTheCallersTeamsWithStatistics() {
        Person ada = register("Ada");
        Person grace = register("Grace");
        String mine = newTeam(ada);
        String shared = newTeam(grace);
        join(shared, ada, TeamRole.USER, grace);
        String notMine = newTeam(grace);

        Answer answer = call("GET", "/api/teams", null, ada);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().findValuesAsText("id")).containsExactlyInAnyOrder(mine, shared).doesNotContain(notMine);
        for (JsonNode team : answer.body()) {
            assertThat(team.fieldNames()).toIterable().containsExactlyInAnyOrder("statistics", "id", "name", "slug");
            assertThat(team.path("statistics").path("users").asInt()).isEqualTo(team.path("id").asText().equals(shared) ? 2 : 1);
        }
    }

    @Test
    void detailsShowTheUsersWithRoleStatusAndLastLogin() {
        Person ada = register("Ada");
        Person grace = register("Grace");
        String team = newTeam(ada);
        join(team, grace, TeamRole.ADMIN, ada);

        Answer answer = call("GET", "/api/teams/" + team, null, grace);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("statistics", "id", "name", "slug", "users");
        assertThat(answer.body().path("statistics").path("users").asInt()).isEqualTo(2);
        Map<String, JsonNode> users = new HashMap<>();
        answer.body().path("users").forEach(u -> users.put(u.path("id").asText(), u));
        assertThat(users).containsOnlyKeys(ada.id(), grace.id());
        JsonNode owner = users.get(ada.id());
        assertThat(owner.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("role", "status", "email", "lastLogin", "id", "name");
        assertThat(owner.path("role").asText()).isEqualTo("owner");
        assertThat(owner.path("status").asText()).isEqualTo("verified");
        assertThat(owner.path("email").asText()).isEqualTo(ada.email());
        assertThat(owner.path("name").asText()).isEqualTo("Ada Tester");
        assertThat(Instant.parse(owner.path("lastLogin").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(users.get(grace.id()).path("role").asText()).isEqualTo("admin");
    }

    @Test
    void usersMeAnswersTheCallerTheirTeamsAndNoInvitations() {
        Person ada = register("Ada");
        String teamA = newTeam(ada);
        Person grace = register("Grace");
        String teamB = newTeam(grace);
        join(teamB, ada, TeamRole.USER, grace);

        for (String method : new String[] {"POST", "GET"}) {
            Answer answer = call(method, "/api/users/me", null, ada);
            assertThat(answer.status()).as(method + answer.raw().body()).isEqualTo(200);
            assertThat(answer.body().fieldNames()).toIterable().containsExactlyInAnyOrder("user", "teams", "invitations");
            assertThat(answer.body().path("user").toString())
                    .isEqualTo("{\"id\":\"" + ada.id() + "\",\"name\":\"Ada Tester\"}");
            assertThat(answer.body().path("invitations").isArray()).isTrue();
            assertThat(answer.body().path("invitations")).isEmpty();
            Map<String, String> roles = new HashMap<>();
            answer.body().path("teams").forEach(t -> {
                assertThat(t.fieldNames()).toIterable().containsExactlyInAnyOrder("role", "id", "name", "slug");
                roles.put(t.path("id").asText(), t.path("role").asText());
            });
            assertThat(roles).isEqualTo(Map.of(teamA, "owner", teamB, "user"));
        }
        assertError(call("POST", "/api/users/me", null, null), 401, "UNAUTHORIZED", null);
    }

    // --- rename and delete ----------------------------------------------------------------------

    @Test
    void renameAnswers204FreesTheOldSlugAndTheNewOneShows() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String oldSlug = call("GET", "/api/teams/" + team, null, ada).body().path("slug").asText();
        String newSlug = unique("n-");
        String newName = unique("Renamed ");

        Answer answer = call("PUT", "/api/teams/" + team, """
                {"name":"%s","slug":"%s"}""".formatted(newName, newSlug), ada);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(204);
        JsonNode details = call("GET", "/api/teams/" + team, null, ada).body();
        assertThat(details.path("name").asText()).isEqualTo(newName);
        assertThat(details.path("slug").asText()).isEqualTo(newSlug);
        assertThat(createTeam(register("Grace"), unique("Other "), oldSlug).status()).isEqualTo(201);
        assertError(createTeam(ada, unique("Third "), newSlug), 409, "CONFLICT", "slug");
        assertError(call("PUT", "/api/teams/" + team, "{\"name\":\"x\",\"slug\":\"BAD SLUG\"}", ada),
                400, "VALIDATION_ERROR", "slug");
    }

    @Test
    void deleteAnswers204AndTheTeamIsGoneEverywhere() {
        Person ada = register("Ada");
        Answer created = createTeam(ada, unique("Doomed "), unique("d-"));
        String team = created.body().path("id").asText();
        String slug = created.body().path("slug").asText();

        assertThat(call("DELETE", "/api/teams/" + team, null, ada).status()).isEqualTo(204);

        assertError(call("GET", "/api/teams/" + team, null, ada), 404, "NOT_FOUND", null);
        assertThat(call("GET", "/api/teams", null, ada).body().findValuesAsText("id")).doesNotContain(team);
        assertThat(call("GET", "/api/users/me", null, ada).body().path("teams")).isEmpty();
        assertError(call("PUT", "/api/teams/" + team, "{\"name\":\"x\",\"slug\":\"xyz\"}", ada), 404, "NOT_FOUND", null);
        assertError(call("DELETE", "/api/teams/" + team, null, ada), 404, "NOT_FOUND", null);
        assertThat(createTeam(ada, unique("Reborn "), slug).status()).as("the slug is free again").isEqualTo(201);
        List<Object> events = eventStore.readEvents(team).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TeamDeletedEvent.class);
    }

    @Test
    void ownershipTransferMakesTheOldOwnerAdmin() {
        Person ada = register("Ada");
        Person grace = register("Grace");
        String team = newTeam(ada);
        join(team, grace, TeamRole.USER, ada);

        assertThat(call("PUT", "/api/teams/" + team + "/users/" + grace.id() + "/role", "{\"role\":\"owner\"}", ada)
                .status()).isEqualTo(204);

        Map<String, String> roles = new HashMap<>();
        call("GET", "/api/teams/" + team, null, ada).body().path("users")
                .forEach(u -> roles.put(u.path("id").asText(), u.path("role").asText()));
        assertThat(roles).isEqualTo(Map.of(ada.id(), "admin", grace.id(), "owner"));
        assertError(call("DELETE", "/api/teams/" + team, null, ada), 403, "FORBIDDEN_ROLE", null);
        assertThat(call("DELETE", "/api/teams/" + team + "/users/leave", null, ada).status()).isEqualTo(204);
        assertError(call("GET", "/api/teams/" + team, null, ada), 404, "NOT_FOUND", null);
    }

    // --- isolation ------------------------------------------------------------------------------

    @Test
    void aNonMemberGets404OnEveryTeamRouteLikeForAnUnknownTeam() {
        Person ada = register("Ada");
        Person mallory = register("Mallory");
        String team = newTeam(ada);
        newTeam(mallory); // Mallory is an owner elsewhere: that gives nothing here
        String deleted = newTeam(ada);
        assertThat(call("DELETE", "/api/teams/" + deleted, null, ada).status()).isEqualTo(204);
        String unknown = UUID.randomUUID().toString();

        List<java.util.function.Function<String, Answer>> routes = List.of(
                id -> call("GET", "/api/teams/" + id, null, mallory),
                id -> call("PUT", "/api/teams/" + id, "{\"name\":\"Mine\",\"slug\":\"mine-now\"}", mallory),
                id -> call("DELETE", "/api/teams/" + id, null, mallory),
                id -> call("PUT", "/api/teams/" + id + "/users/" + mallory.id() + "/role", "{\"role\":\"owner\"}",
                        mallory),
                id -> call("DELETE", "/api/teams/" + id + "/users/" + ada.id(), null, mallory),
                id -> call("DELETE", "/api/teams/" + id + "/users/leave", null, mallory),
                id -> call("POST", "/api/teams/" + id + "/users/" + ada.id() + "/reinvite", null, mallory),
                id -> call("POST", "/api/teams/" + id + "/users",
                        "{\"email\":\"eve@example.com\",\"firstName\":\"Eve\"}", mallory));
        for (var route : routes) {
            Answer real = route.apply(team);
            assertError(real, 404, "NOT_FOUND", null);
            // the whole envelope but the request id: a real foreign team, a deleted one and a random id alike
            for (String other : new String[] {unknown, deleted}) {
                Answer random = route.apply(other);
                assertError(random, 404, "NOT_FOUND", null);
                assertThat(HttpExchange.envelope(random)).as(real.raw().request().uri().toString())
                        .isEqualTo(HttpExchange.envelope(real));
            }
        }
        assertThat(call("GET", "/api/teams/" + team, null, ada).body().path("users")).hasSize(1);
        assertError(call("GET", "/api/teams/not-a-uuid", null, ada), 400, "VALIDATION_ERROR", "teamId");
    }

    // --- the internal membership lookup (other services' replica misses) ---------------------------

    private Answer internal(String slug, String userId, String assertion) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/internal/teams/by-slug/" + slug + "/members/" + userId)).timeout(Duration.ofSeconds(20));
        if (assertion != null) {
            builder.header(InternalAssertion.HEADER, assertion);
        }
        return send(builder.GET());
    }

    private String assertionOf(Person person) {
        return assertions.sign(new WharfPrincipal(person.id(), person.email(), WharfPrincipal.SESSION,
                UUID.randomUUID().toString(), null, ActorType.USER), "req_internal");
    }

    @Test
    void internalMembershipLookupAnswersTheAskingMemberRightAfterTheirCommand() {
        Person ada = register("Ada");
        Person bob = register("Bob");
        Person mallory = register("Mallory");
        String slug = unique("m-");
        Answer created = createTeam(ada, unique("Team "), slug);
        assertThat(created.status()).isEqualTo(201);
        String team = created.body().path("id").asText();
        join(team, bob, TeamRole.ADMIN, ada);

        // at once after the 201: the views the lookup reads are what the command waited for
        Answer owner = internal(slug, ada.id(), assertionOf(ada));
        assertThat(owner.status()).as(owner.raw().body()).isEqualTo(200);
        assertThat(owner.body().path("teamId").asText()).isEqualTo(team);
        assertThat(owner.body().path("role").asText()).isEqualTo("owner");
        assertThat(internal(slug, bob.id(), assertionOf(bob)).body().path("role").asText()).isEqualTo("admin");

        // a non-member and an unknown slug: the same 404 envelope
        Answer stranger = internal(slug, mallory.id(), assertionOf(mallory));
        Answer unknown = internal(unique("x-"), mallory.id(), assertionOf(mallory));
        assertError(stranger, 404, "NOT_FOUND", null);
        assertThat(HttpExchange.envelope(unknown)).isEqualTo(HttpExchange.envelope(stranger));
        // only about the asking user: Mallory cannot learn Ada's membership
        assertError(internal(slug, ada.id(), assertionOf(mallory)), 404, "NOT_FOUND", null);
        // no assertion, or one signed with another secret, or tampered: 401
        assertError(internal(slug, ada.id(), null), 401, "UNAUTHORIZED", null);
        String forged = new InternalAssertion("not-the-shared-secret-not-the-shared-secret", 30, Clock.systemUTC())
                .sign(new WharfPrincipal(ada.id(), ada.email(), WharfPrincipal.SESSION, "j", null, ActorType.USER), "r");
        assertError(internal(slug, ada.id(), forged), 401, "UNAUTHORIZED", null);
        String valid = assertionOf(ada);
        assertError(internal(slug, ada.id(), valid.substring(0, valid.length() - 3) + "AAA"), 401, "UNAUTHORIZED", null);

        // a rename answers under the new slug at once, and no more under the old one
        String renamed = unique("r-");
        assertThat(call("PUT", "/api/teams/" + team, "{\"name\":\"Renamed %s\",\"slug\":\"%s\"}"
                .formatted(renamed, renamed), ada).status()).isEqualTo(204);
        assertThat(internal(renamed, ada.id(), assertionOf(ada)).body().path("teamId").asText()).isEqualTo(team);
        assertError(internal(slug, ada.id(), assertionOf(ada)), 404, "NOT_FOUND", null);
        // a deleted team is gone
        assertThat(call("DELETE", "/api/teams/" + team, null, ada).status()).isEqualTo(204);
        assertError(internal(renamed, ada.id(), assertionOf(ada)), 404, "NOT_FOUND", null);
    }

    // --- the role matrix of SPEC §1.4 -----------------------------------------------------------

    /**
     * Each row on a fresh team of owner, admin, admin2, user, user2 (and a stranger who is a member
     * of nothing): who acts, the route, the target member, the body, the status.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3} {4} → {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            owner    | PUT    | rename |        | -                    | 204
            admin    | PUT    | rename |        | -                    | 204
            user     | PUT    | rename |        | -                    | 403
            stranger | PUT    | rename |        | -                    | 404
            owner    | DELETE | team   |        | -                    | 204
            admin    | DELETE | team   |        | -                    | 403
            user     | DELETE | team   |        | -                    | 403
            stranger | DELETE | team   |        | -                    | 404
            owner    | PUT    | role   | user   | {"role":"admin"}     | 204
            admin    | PUT    | role   | user   | {"role":"admin"}     | 403
            user     | PUT    | role   | user2  | {"role":"admin"}     | 403
            owner    | PUT    | role   | admin2 | {"role":"user"}      | 204
            admin    | PUT    | role   | admin2 | {"role":"user"}      | 204
            admin    | PUT    | role   | user   | {"role":"user"}      | 204
            user     | PUT    | role   | admin2 | {"role":"user"}      | 403
            owner    | PUT    | role   | user   | {"role":"owner"}     | 204
            admin    | PUT    | role   | user   | {"role":"owner"}     | 403
            admin    | PUT    | role   | owner  | {"role":"user"}      | 403
            owner    | PUT    | role   | owner  | {"role":"admin"}     | 412
            owner    | PUT    | role   | user   | {"role":"root"}      | 400
            owner    | PUT    | role   | user   | {"role":"Admin"}     | 400
            owner    | PUT    | role   | user   | {}                   | 400
            owner    | PUT    | role   | stranger | {"role":"user"}    | 404
            stranger | PUT    | role   | user   | {"role":"admin"}     | 404
            owner    | DELETE | member | user   | -                    | 204
            admin    | DELETE | member | user   | -                    | 204
            admin    | DELETE | member | admin2 | -                    | 204
            user     | DELETE | member | user2  | -                    | 403
            admin    | DELETE | member | owner  | -                    | 412
            owner    | DELETE | member | owner  | -                    | 412
            owner    | DELETE | member | stranger | -                  | 404
            stranger | DELETE | member | user   | -                    | 404
            user     | DELETE | leave  |        | -                    | 204
            admin    | DELETE | leave  |        | -                    | 204
            owner    | DELETE | leave  |        | -                    | 412
            stranger | DELETE | leave  |        | -                    | 404
            user     | GET    | team   |        | -                    | 200
            stranger | GET    | team   |        | -                    | 404
            owner    | POST   | invite |        | -                    | 201
            admin    | POST   | invite |        | -                    | 201
            user     | POST   | invite |        | -                    | 403
            stranger | POST   | invite |        | -                    | 404
            """)
    void roleMatrix(String actor, String method, String route, String target, String body, int expected) {
        Map<String, Person> people = new HashMap<>();
        for (String role : new String[] {"owner", "admin", "admin2", "user", "user2", "stranger"}) {
            people.put(role, register(role));
        }
        String team = newTeam(people.get("owner"));
        join(team, people.get("admin"), TeamRole.ADMIN, people.get("owner"));
        join(team, people.get("admin2"), TeamRole.ADMIN, people.get("owner"));
        join(team, people.get("user"), TeamRole.USER, people.get("owner"));
        join(team, people.get("user2"), TeamRole.USER, people.get("owner"));

        String path = switch (route) {
            case "rename", "team" -> "/api/teams/" + team;
            case "role" -> "/api/teams/" + team + "/users/" + people.get(target).id() + "/role";
            case "member" -> "/api/teams/" + team + "/users/" + people.get(target).id();
            case "leave" -> "/api/teams/" + team + "/users/leave";
            case "invite" -> "/api/teams/" + team + "/users";
            default -> throw new IllegalArgumentException(route);
        };
        String json = switch (route) {
            case "rename" -> "{\"name\":\"%s\",\"slug\":\"%s\"}".formatted(unique("R "), unique("r-"));
            case "invite" -> "{\"email\":\"%s@example.com\",\"firstName\":\"New\"}".formatted(unique("new-"));
            default -> body;
        };
        Answer answer = call(method, path, json, people.get(actor));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(expected);
        if (expected >= 400) {
            assertError(answer, expected, switch (expected) {
                case 400 -> "VALIDATION_ERROR";
                case 403 -> "FORBIDDEN_ROLE";
                case 404 -> "NOT_FOUND";
                default -> "PRECONDITION_FAILED";
            }, null);
        }
    }

    // --- audit facts and publication ------------------------------------------------------------

    @Test
    void teamEventsCarryTheActorAndRequestAndArePublished() {
        Person ada = register("Ada");
        Answer created = send(request("/api/teams", ada).header("Content-Type", "application/json")
                .header("X-Request-Id", "req-team-audit-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"%s\",\"slug\":\"%s\"}"
                        .formatted(unique("Audited "), unique("a-")))));
        String team = created.body().path("id").asText();

        DomainEventMessage<?> event = eventStore.readEvents(team).asStream().findFirst().orElseThrow();
        assertThat(event.getPayload()).isInstanceOf(TeamCreatedEvent.class);
        assertThat(event.getMetaData()).containsEntry(WharfMetadata.ACTOR_ID, ada.id())
                .containsEntry(WharfMetadata.ACTOR_EMAIL, ada.email())
                .containsEntry(WharfMetadata.ACTOR_TYPE, "user")
                .containsEntry(WharfMetadata.REQUEST_ID, "req-team-audit-1")
                .containsEntry(WharfMetadata.METHOD, "post")
                .containsEntry(WharfMetadata.ROUTE, "/api/teams");

        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.IDENTITY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.withKey(team).isEmpty());
            assertThat(topic.withKey(team).get(0).value()).contains(TeamCreatedEvent.class.getName())
                    .contains("\"actorid\":\"" + ada.id() + "\"");
        }
    }
}
