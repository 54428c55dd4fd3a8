package io.wharf.identity.team;

import static io.wharf.identity.HttpExchange.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.wharf.common.events.identity.TeamInvitationAcceptedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.kafka.Topics;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.metadata.WharfMetadata;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessKafka;
import io.wharf.common.test.MovableClock;
import io.wharf.common.test.TopicReader;
import io.wharf.identity.HttpExchange;
import io.wharf.identity.HttpExchange.Answer;
import io.wharf.identity.IdentityTestInfrastructure;
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.mail.MailOutbox;
import io.wharf.identity.mail.Smtp;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Invitations over real HTTP through the real Axon command path on the in-process Mongo and Kafka,
 * with a real SMTP server (GreenMail) receiving the mails: status codes, envelope and shapes of every
 * invitation route, the 7-day expiry (the service's clock is moved), an address that registers after
 * being invited, SMTP being down, and cross-team isolation.
 */
// Closed after the class: a cached context would keep its Kafka consumers in the service's
// consumer groups and take the partitions from the next test class's context.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.banner-mode=off")
class InvitationApiTest {

    private static final int SMTP_PORT = Smtp.freePort();
    private static volatile GreenMail smtp = Smtp.start(SMTP_PORT);
    private static final MovableClock CLOCK = MovableClock.runningFromNow();
    private static final String PUBLIC_URL = "https://wharf.example.com";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IdentityTestInfrastructure.properties(registry, InvitationApiTest.class);
        registry.add("wharf.mail.smtp-host", () -> "127.0.0.1");
        registry.add("wharf.mail.smtp-port", () -> SMTP_PORT);
        registry.add("wharf.mail.public-url", () -> PUBLIC_URL + "/");
        registry.add("wharf.mail.poll-interval", () -> "100ms");
        registry.add("wharf.mail.first-backoff", () -> "200ms");
        registry.add("wharf.mail.max-backoff", () -> "500ms");
        registry.add("wharf.mail.max-attempts", () -> "1000");
        registry.add("wharf.mail.timeout", () -> "2s");
    }

    /** The service's time, movable so tests can let invitations expire. */
    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MailOutbox outbox;

    /** Signed with the service's (movable) clock, so principals stay valid when time moves. */
    private final InternalAssertion assertions = new InternalAssertion(IdentityTestInfrastructure.SECRET, 30, CLOCK);

    record Person(String id, String email) {
    }

    @AfterEach
    void backToNow() {
        CLOCK.reset();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    // --- plumbing -------------------------------------------------------------------------------

    private Answer call(String method, String path, String json, Person caller) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (caller != null) {
            builder.header(InternalAssertion.HEADER, assertions.sign(new WharfPrincipal(caller.id(), caller.email(),
                    WharfPrincipal.SESSION, UUID.randomUUID().toString(), null, ActorType.USER), "req_invite"));
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return HttpExchange.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String uniqueEmail(String name) {
        return name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    }

    private Person register(String firstName) {
        return register(firstName, uniqueEmail(firstName));
    }

    private Person register(String firstName, String email) {
        Answer answer = call("POST", "/api/auth/register", """
                {"email":"%s","password":"correct horse","firstName":"%s","lastName":"Tester"}"""
                .formatted(email, firstName), null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return new Person(answer.body().path("user").path("id").asText(), email);
    }

    private String newTeam(Person owner) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Answer answer = call("POST", "/api/teams", """
                {"name":"Team %s","slug":"t-%s"}""".formatted(suffix, suffix), owner);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private Answer invite(String team, String email, Person caller) {
        return call("POST", "/api/teams/" + team + "/users", """
                {"email":"%s","firstName":"Grace","lastName":"Hopper"}""".formatted(email), caller);
    }

    private String invited(String team, String email, Person caller) {
        Answer answer = invite(team, email, caller);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private Answer accept(String team, Person caller) {
        return call("POST", "/api/users/me/invitations/" + team, null, caller);
    }

    private Answer decline(String team, Person caller) {
        return call("DELETE", "/api/users/me/invitations/" + team, null, caller);
    }

    private Answer reinvite(String team, String invitationId, Person caller) {
        return call("POST", "/api/teams/" + team + "/users/" + invitationId + "/reinvite", null, caller);
    }

    private JsonNode team(String team, Person caller) {
        Answer answer = call("GET", "/api/teams/" + team, null, caller);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    private Map<String, JsonNode> usersOf(String team, Person caller) {
        Map<String, JsonNode> users = new HashMap<>();
        team(team, caller).path("users").forEach(u -> users.put(u.path("email").asText(), u));
        return users;
    }

    private static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() >= count);
        return mailsTo(email);
    }

    // --- invite ---------------------------------------------------------------------------------

    @Test
    void inviteAnswers201WithThePendingUserListsItAndMailsTheAcceptLink() throws Exception {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        JsonNode details = team(team, ada);

        Answer answer = invite(team, "  " + grace.email().toUpperCase() + " ", ada);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/api/teams/" + team);
        JsonNode user = answer.body();
        assertThat(user.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("role", "status", "email", "lastLogin", "id", "name");
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("status").asText()).isEqualTo("pending");
        assertThat(user.path("email").asText()).isEqualTo(grace.email());
        assertThat(user.path("lastLogin").isNull()).isTrue();
        assertThat(user.path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(user.path("id").asText()).matches("[0-9a-f-]{36}");

        JsonNode after = team(team, ada);
        assertThat(after.path("statistics").path("users").asInt()).isEqualTo(2);
        assertThat(usersOf(team, ada).get(grace.email())).isEqualTo(user);
        JsonNode me = call("POST", "/api/users/me", null, grace).body();
        assertThat(me.path("invitations").toString()).isEqualTo("[{\"id\":\"%s\",\"name\":\"%s\",\"slug\":\"%s\"}]"
                .formatted(team, details.path("name").asText(), details.path("slug").asText()));
        assertThat(me.path("teams")).isEmpty();

        MimeMessage mail = awaitMails(grace.email(), 1).get(0);
        String link = PUBLIC_URL + "/teams/" + team + "/invitation";
        assertThat(mail.getSubject()).isEqualTo("You're invited to join " + details.path("name").asText() + " on Wharf");
        String text = Smtp.parts(mail, "text/plain").get(0);
        assertThat(text).contains(link).contains("Ada Tester invited you").contains(details.path("name").asText())
                .contains("expires on " + java.time.LocalDate.now(ZoneOffset.UTC).plusDays(7));
        assertThat(Smtp.parts(mail, "text/html").get(0)).contains("href=\"" + link + "\"");

        DomainEventMessage<?> event = eventStore.readEvents(team).asStream()
                .filter(e -> e.getPayload() instanceof TeamMemberInvitedEvent).findFirst().orElseThrow();
        assertThat(event.getMetaData()).containsEntry(WharfMetadata.ACTOR_ID, ada.id())
                .containsEntry(WharfMetadata.ROUTE, "/api/teams/{teamId}/users")
                .containsEntry(WharfMetadata.METHOD, "post");
    }

    @Test
    void refusesBadInputWithTheFieldAndStoresNothing() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person user = register("Plain");
        String userInvitation = invited(team, user.email(), ada);
        assertThat(accept(team, user).status()).isEqualTo(204);
        Person grace = register("Grace");
        invited(team, grace.email(), ada);
        String base = "/api/teams/" + team + "/users";

        assertError(invite(team, "not-an-address", ada), 400, "VALIDATION_ERROR", "email");
        assertError(call("POST", base, "{\"firstName\":\"G\"}", ada), 400, "VALIDATION_ERROR", "email");
        assertError(call("POST", base, "{\"email\":\"x@example.com\"}", ada), 400, "VALIDATION_ERROR", "firstName");
        assertError(call("POST", base, "{\"email\":\"x@example.com\",\"firstName\":\"G\",\"lastName\":\"%s\"}"
                .formatted("x".repeat(71)), ada), 400, "VALIDATION_ERROR", "lastName");
        assertError(call("POST", base, "{\"email\":\"x@example.com\",\"firstName\":\"G\",\"role\":\"admin\"}", ada),
                400, "VALIDATION_ERROR", "role");
        // control characters: the names go into the mail and the team's users[]
        assertError(call("POST", base, "{\"email\":\"x@example.com\",\"firstName\":\"G\\r\\nBcc: y@example.com\"}",
                ada), 400, "VALIDATION_ERROR", "firstName");
        assertError(call("POST", base, "{\"email\":\"x@example.com\",\"firstName\":\"G\",\"lastName\":\"H\\u0000\"}",
                ada), 400, "VALIDATION_ERROR", "lastName");
        assertError(call("POST", base, "{\"email\":\"x\\u0007@example.com\",\"firstName\":\"G\"}", ada),
                400, "VALIDATION_ERROR", "email");
        Answer self = invite(team, ada.email(), ada);
        assertError(self, 400, "VALIDATION_ERROR", "email");
        assertThat(self.body().path("message").asText()).isEqualTo("You cannot invite yourself.");
        assertError(invite(team, user.email(), ada), 409, "CONFLICT", "email");
        assertError(invite(team, grace.email(), ada), 409, "CONFLICT", "email");
        assertError(invite(team, "someone@example.com", user), 403, "FORBIDDEN_ROLE", null);
        assertError(reinvite(team, userInvitation, user), 403, "FORBIDDEN_ROLE", null);

        assertThat(team(team, ada).path("users")).hasSize(3); // ada, the user, grace's invitation
        assertThat(call("POST", base, "{\"email\":\"x@example.com\",\"firstName\":\"G\",\"captcha\":\"ignored\"}", ada)
                .status()).as("seed 003's captcha is accepted").isEqualTo(201);
    }

    // --- accept, decline, reinvite --------------------------------------------------------------

    @Test
    void acceptingMakesAMemberWithRoleUserAndEveryServiceHearsIt() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        invited(team, grace.email(), ada);

        Answer answer = accept(team, grace);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(204);
        JsonNode row = usersOf(team, ada).get(grace.email());
        assertThat(row.path("status").asText()).isEqualTo("verified");
        assertThat(row.path("role").asText()).isEqualTo("user");
        assertThat(row.path("id").asText()).isEqualTo(grace.id());
        assertThat(team(team, grace).path("statistics").path("users").asInt()).isEqualTo(2);
        JsonNode me = call("GET", "/api/users/me", null, grace).body();
        assertThat(me.path("invitations")).isEmpty();
        assertThat(me.path("teams").get(0).path("id").asText()).isEqualTo(team);
        assertThat(me.path("teams").get(0).path("role").asText()).isEqualTo("user");
        assertError(accept(team, grace), 404, "NOT_FOUND", null);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(team).asStream().toList();
        assertThat(events.get(events.size() - 2).getPayload()).isInstanceOf(TeamInvitationAcceptedEvent.class);
        DomainEventMessage<?> joined = events.get(events.size() - 1);
        assertThat(joined.getPayload()).isEqualTo(new TeamMemberJoinedEvent(team, grace.id(),
                io.wharf.common.events.identity.TeamRole.USER, ((TeamMemberJoinedEvent) joined.getPayload()).joinedAt()));
        assertThat(joined.getMetaData()).containsEntry(WharfMetadata.ACTOR_ID, grace.id())
                .containsEntry(WharfMetadata.ROUTE, "/api/users/me/invitations/{teamId}");
        try (TopicReader topic = new TopicReader(InProcessKafka.bootstrapServers(), Topics.IDENTITY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.withKey(team).stream()
                    .anyMatch(r -> r.value().contains(TeamMemberJoinedEvent.class.getName())));
        }
    }

    @Test
    void anAddressWithoutAccountRegistersLaterSeesTheInvitationAndAccepts() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String email = uniqueEmail("Newt");
        invited(team, email, ada);
        awaitMails(email, 1);

        Person newt = register("Newt", email);
        JsonNode me = call("POST", "/api/users/me", null, newt).body();
        assertThat(me.path("invitations").findValuesAsText("id")).containsExactly(team);

        assertThat(accept(team, newt).status()).isEqualTo(204);
        assertThat(usersOf(team, ada).get(email).path("id").asText()).isEqualTo(newt.id());
    }

    @Test
    void aDeclinedInvitationIsListedAsDeclinedAndCannotBeRenewedOrAccepted() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        String invitation = invited(team, grace.email(), ada);

        assertThat(decline(team, grace).status()).isEqualTo(204);
        assertThat(decline(team, grace).status()).as("again: nothing changes").isEqualTo(204);

        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("declined");
        assertThat(team(team, ada).path("statistics").path("users").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/users/me", null, grace).body().path("invitations")).isEmpty();
        assertError(reinvite(team, invitation, ada), 412, "PRECONDITION_FAILED", null);
        assertError(accept(team, grace), 412, "PRECONDITION_FAILED", null);
    }

    @Test
    void afterSevenDaysTheInvitationIsExpiredUntilReinvited() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        String invitation = invited(team, grace.email(), ada);
        awaitMails(grace.email(), 1);

        CLOCK.advance(Duration.ofDays(7).plusMinutes(1));

        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("expired");
        assertThat(team(team, ada).path("statistics").path("users").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/users/me", null, grace).body().path("invitations")).isEmpty();
        Answer late = accept(team, grace);
        assertError(late, 412, "PRECONDITION_FAILED", null);
        assertThat(late.body().path("message").asText()).isEqualTo("Invitation link is expired.");
        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("expired");

        assertThat(reinvite(team, invitation, ada).status()).isEqualTo(204);
        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("pending");
        List<MimeMessage> mails = awaitMails(grace.email(), 2);
        assertThat(Smtp.parts(mails.get(1), "text/plain").get(0))
                .contains("expires on " + java.time.LocalDate.now(ZoneOffset.UTC).plusDays(14));
        assertThat(accept(team, grace).status()).isEqualTo(204);
    }

    @Test
    void anAdminRemovesAnInvitation() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        String invitation = invited(team, grace.email(), ada);

        assertThat(call("DELETE", "/api/teams/" + team + "/users/" + invitation, null, ada).status()).isEqualTo(204);

        assertThat(usersOf(team, ada)).doesNotContainKey(grace.email());
        assertError(accept(team, grace), 404, "NOT_FOUND", null);
    }

    // --- isolation and credentials --------------------------------------------------------------

    @Test
    void nobodyAcceptsOrDeclinesSomeoneElsesInvitation() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        invited(team, grace.email(), ada);
        Person mallory = register("Mallory");

        assertError(accept(team, mallory), 404, "NOT_FOUND", null);
        assertError(decline(team, mallory), 404, "NOT_FOUND", null);
        // a credential of Mallory's account that claims Grace's address is still Mallory
        Person forged = new Person(mallory.id(), grace.email());
        assertError(accept(team, forged), 404, "NOT_FOUND", null);
        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("pending");
    }

    @Test
    void aNonMemberGets404OnEveryInvitationRouteLikeForAnUnknownTeam() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        Person grace = register("Grace");
        String invitation = invited(team, grace.email(), ada);
        Person mallory = register("Mallory");
        newTeam(mallory); // an owner elsewhere: that gives nothing here
        String unknown = UUID.randomUUID().toString();

        List<java.util.function.Function<String, Answer>> routes = List.of(
                id -> invite(id, "friend@example.com", mallory),
                id -> call("POST", "/api/teams/" + id + "/users", "{\"email\":\"bad\"}", mallory),
                id -> reinvite(id, invitation, mallory),
                id -> call("DELETE", "/api/teams/" + id + "/users/" + invitation, null, mallory),
                id -> accept(id, mallory),
                id -> decline(id, mallory));
        for (var route : routes) {
            Answer real = route.apply(team);
            Answer random = route.apply(unknown);
            assertError(real, 404, "NOT_FOUND", null);
            assertError(random, 404, "NOT_FOUND", null);
            // the whole envelope but the request id (message, field, hint): nothing tells them apart
            assertThat(HttpExchange.envelope(random)).as(real.raw().request().uri().toString())
                    .isEqualTo(HttpExchange.envelope(real));
        }
        // Mallory's own team: another team's invitation id answers like a random one
        String mine = newTeam(mallory);
        Answer foreignInvitation = reinvite(mine, invitation, mallory);
        Answer randomInvitation = reinvite(mine, UUID.randomUUID().toString(), mallory);
        assertError(foreignInvitation, 404, "NOT_FOUND", null);
        assertThat(HttpExchange.envelope(foreignInvitation)).isEqualTo(HttpExchange.envelope(randomInvitation));
        assertError(reinvite(team, UUID.randomUUID().toString(), ada), 404, "NOT_FOUND", null);
        assertError(accept("not-a-uuid", grace), 400, "VALIDATION_ERROR", "teamId");
        assertError(reinvite(team, "not-a-uuid", ada), 400, "VALIDATION_ERROR", "userId");
        assertThat(usersOf(team, ada).get(grace.email()).path("status").asText()).isEqualTo("pending");
    }

    @Test
    void invitationRoutesNeedAUser() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        assertError(invite(team, "x@example.com", null), 401, "UNAUTHORIZED", null);
        assertError(accept(team, null), 401, "UNAUTHORIZED", null);
        String token = assertions.sign(new WharfPrincipal(null, null, WharfPrincipal.DEPLOYMENT, "jti-d", "ci",
                ActorType.DEPLOYMENT_TOKEN), "req_deploy");
        Answer answer = HttpExchange.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/users/me/invitations/" + team)).header(InternalAssertion.HEADER, token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(answer, 403, "FORBIDDEN_SCOPE", null);
    }

    // --- mail delivery --------------------------------------------------------------------------

    @Test
    void whileSmtpIsDownInvitingStillWorksAndTheMailFollowsOnceItIsBack() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String email = uniqueEmail("Patient");
        smtp.stop();
        try {
            long started = System.nanoTime();
            Answer answer = invite(team, email, ada);
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(usersOf(team, ada).get(email).path("status").asText()).isEqualTo("pending");
            String mailId = eventStore.readEvents(team).asStream()
                    .filter(e -> e.getPayload() instanceof TeamMemberInvitedEvent).findFirst().orElseThrow()
                    .getIdentifier();
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.attempts(mailId) >= 2);
            assertThat(outbox.status(mailId)).as("still waiting to be sent").contains("pending");
        } finally {
            smtp = Smtp.start(SMTP_PORT);
        }
        assertThat(awaitMails(email, 1)).hasSize(1);
    }

    @Test
    void aMailOfAnInvitationRevokedWhileSmtpWasDownIsNotSent() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String email = uniqueEmail("Revoked");
        smtp.stop();
        String mailId;
        try {
            String invitation = invited(team, email, ada);
            mailId = eventStore.readEvents(team).asStream()
                    .filter(e -> e.getPayload() instanceof TeamMemberInvitedEvent).findFirst().orElseThrow()
                    .getIdentifier();
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.attempts(mailId) >= 1);
            assertThat(call("DELETE", "/api/teams/" + team + "/users/" + invitation, null, ada).status()).isEqualTo(204);
        } finally {
            smtp = Smtp.start(SMTP_PORT);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status(mailId).orElseThrow().equals("not-sent"));
        assertThat(outbox.lastError(mailId)).contains("not sent: the invitation was revoked");
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void reinvitingOneAddressIsLimitedToOnceAMinute() {
        Person ada = register("Ada");
        String team = newTeam(ada);
        String email = uniqueEmail("Cooldown");
        String invitation = invited(team, email, ada);

        Answer tooSoon = reinvite(team, invitation, ada);
        assertError(tooSoon, 429, "RATE_LIMITED", null);
        long retryAfter = Long.parseLong(tooSoon.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(tooSoon.body().path("retryAfter").asLong()).isEqualTo(retryAfter);

        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(reinvite(team, invitation, ada).status()).isEqualTo(204);
        assertError(reinvite(team, invitation, ada), 429, "RATE_LIMITED", null);
        // another address of the team is not held back
        assertThat(invite(team, uniqueEmail("Other"), ada).status()).isEqualTo(201);
        assertThat(awaitMails(email, 2)).hasSize(2);
    }

    @Test
    void theMailProcessorCannotBeReplayed() {
        TrackingEventProcessor mailer = processing.eventProcessor(IdentityConfig.INVITATION_MAIL_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        assertThat(mailer.supportsReset()).isFalse();
        TrackingEventProcessor views = processing.eventProcessor(IdentityConfig.TEAM_VIEWS_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        assertThat(views.supportsReset()).as("views can be rebuilt, mails are not re-sent").isTrue();
    }
}
