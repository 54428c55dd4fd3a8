package io.wharf.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.ActorType;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.common.test.InProcessMongo;
import io.wharf.common.test.MovableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * TeamAccess asks identity when its replica misses, against a real local HTTP server that speaks
 * identity's {@code GET /internal/teams/by-slug/{slug}/members/{userId}} (and checks the internal
 * assertion like identity's web layer does): hits answer, misses and failures fall back to the
 * replica alone (404), the call is bounded by its timeout, and the circuit opens after failures.
 */
class IdentityFallbackTest {

    private static final String SECRET = "common-test-internal-secret-0123456789";
    private static final InternalAssertion ASSERTION = new InternalAssertion(SECRET, 30, Clock.systemUTC());

    private HttpServer identity;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<WharfPrincipal> askedBy = new CopyOnWriteArrayList<>();
    /** userId:slug → {teamId, role}; anything else 404. */
    private final Map<String, String> memberships = new ConcurrentHashMap<>();
    private volatile int forcedStatus;
    private volatile long delayMillis;

    private MembershipReplica replica;

    @BeforeEach
    void start() throws IOException {
        identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identity.setExecutor(Executors.newCachedThreadPool());
        identity.createContext("/internal/teams/by-slug/", this::answer);
        identity.start();
        replica = new MembershipReplica(InProcessMongo.newDatabase(IdentityFallbackTest.class));
        replica.on(new TeamCreatedEvent("t-known", "Known", "known", "ada", Instant.now()), 0);
    }

    @AfterEach
    void stop() {
        identity.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // /internal/teams/by-slug/{slug}/members/{userId}
        String[] parts = exchange.getRequestURI().getPath().split("/");
        Optional<WharfPrincipal> caller = ASSERTION.verify(exchange.getRequestHeaders().getFirst(InternalAssertion.HEADER));
        caller.ifPresent(askedBy::add);
        String body;
        int status;
        if (forcedStatus != 0) {
            status = forcedStatus;
            body = "{\"code\":\"INTERNAL\"}";
        } else if (caller.isEmpty()) {
            status = 401;
            body = "{\"code\":\"UNAUTHORIZED\"}";
        } else if (parts.length != 7 || !parts[6].equals(caller.get().userId())
                || !memberships.containsKey(parts[6] + ":" + parts[4])) {
            status = 404;
            body = "{\"code\":\"NOT_FOUND\",\"message\":\"Team not found.\"}";
        } else {
            status = 200;
            body = memberships.get(parts[6] + ":" + parts[4]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private URI identityUrl() {
        return URI.create("http://127.0.0.1:" + identity.getAddress().getPort() + "/");
    }

    private TeamAccess access(Duration timeout) {
        return new TeamAccess(replica, new IdentityMembershipClient(identityUrl(), ASSERTION, timeout));
    }

    private static WharfPrincipal user(String id) {
        return new WharfPrincipal(id, id + "@example.com", WharfPrincipal.SESSION, "jti-" + id, null, ActorType.USER);
    }

    @Test
    void aTeamTheReplicaDoesNotKnowYetIsAnsweredByIdentity() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        TeamAccess access = access(Duration.ofMillis(500));

        assertThat(access.require(user("bob"), "fresh", TeamRole.OWNER)).isEqualTo("t-fresh");
        assertThat(access.roleIn(user("bob"), "fresh")).contains(TeamRole.OWNER);
        // identity heard the caller themself, through a valid internal assertion
        assertThat(askedBy).isNotEmpty().allSatisfy(p -> assertThat(p.userId()).isEqualTo("bob"));
        // nothing was written to the replica: only events change it
        assertThat(replica.teamIdBySlug("fresh")).isEmpty();
    }

    @Test
    void identitysRoleStillDecides403() {
        memberships.put("cy:known", "{\"teamId\":\"t-known\",\"role\":\"user\"}");
        TeamAccess access = access(Duration.ofMillis(500));

        assertThat(access.require(user("cy"), "known", TeamRole.USER)).isEqualTo("t-known");
        assertThatThrownBy(() -> access.require(user("cy"), "known", TeamRole.ADMIN))
                .isInstanceOf(ForbiddenRoleException.class);
    }

    @Test
    void aStrangerIsAskedOnceAndGetsTheSameNotFound() {
        TeamAccess access = access(Duration.ofMillis(500));

        assertThatThrownBy(() -> access.require(user("mallory"), "known", TeamRole.USER))
                .isInstanceOf(NotFoundException.class).hasMessage(TeamAccess.NOT_FOUND);
        assertThatThrownBy(() -> access.require(user("mallory"), "nowhere", TeamRole.USER))
                .isInstanceOf(NotFoundException.class).hasMessage(TeamAccess.NOT_FOUND);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aReplicaHitNeverCallsIdentity() {
        TeamAccess access = access(Duration.ofMillis(500));
        assertThat(access.require(user("ada"), "known", TeamRole.OWNER)).isEqualTo("t-known");
        assertThat(access.roleIn(user("ada"), "known")).contains(TeamRole.OWNER);
        assertThat(calls).hasValue(0);
    }

    @Test
    void whatCannotBeASlugOrAUserIsNotSent() {
        TeamAccess access = access(Duration.ofMillis(500));
        assertThat(access.roleIn(user("bob"), "../../api/tokens")).isEmpty();
        assertThat(access.roleIn(user("bob"), "a b")).isEmpty();
        assertThat(access.roleIn(user("bob/x"), "known")).isEmpty();
        assertThat(calls).hasValue(0);
    }

    @Test
    void aSlowIdentityIsCutOffAtTheTimeout() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        delayMillis = 3_000;
        TeamAccess access = access(Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> access.require(user("bob"), "fresh", TeamRole.USER))
                .isInstanceOf(NotFoundException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void noTimeoutIsLongerThanOneSecond() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        delayMillis = 3_000;
        TeamAccess access = access(Duration.ofSeconds(30));

        long started = System.nanoTime();
        assertThat(access.roleIn(user("bob"), "fresh")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndIdentityIsNotAskedAnyMore() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        forcedStatus = 500;
        IdentityMembershipClient identityClient = new IdentityMembershipClient(identityUrl(), ASSERTION,
                Duration.ofMillis(500));
        TeamAccess access = new TeamAccess(replica, identityClient);

        for (int i = 0; i < 5; i++) {
            assertThat(access.roleIn(user("bob"), "fresh")).as("a failure answers from the replica").isEmpty();
        }
        assertThat(identityClient.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = calls.get();
        forcedStatus = 0; // identity is back, but the circuit is open: no call until it half-opens
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> access.require(user("bob"), "fresh", TeamRole.USER))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(calls).hasValue(before);
        assertThat(access.require(user("ada"), "known", TeamRole.OWNER)).as("the replica still answers").isEqualTo("t-known");
    }

    @Test
    void aForgedAnswerIsNotTrusted() {
        // a wrong secret: identity (here: the stub, like identity's web layer) refuses with 401 -> a failure, 404
        IdentityMembershipClient forged = new IdentityMembershipClient(identityUrl(),
                new InternalAssertion("another-secret-another-secret-0123456789", 30, Clock.systemUTC()),
                Duration.ofMillis(500));
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        assertThat(new TeamAccess(replica, forged).roleIn(user("bob"), "fresh")).isEmpty();
        assertThat(calls).hasValue(1);
    }

    private IdentityMembershipClient client(MovableClock clock, int negativeMax) {
        return new IdentityMembershipClient(identityUrl(), ASSERTION, Duration.ofMillis(500),
                CircuitBreaker.of("test", IdentityMembershipClient.breakerConfig()), clock, negativeMax);
    }

    @Test
    void aStrangersNotFoundIsRememberedForASecondAndCountsAsASuccess() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        IdentityMembershipClient identityClient = client(clock, IdentityMembershipClient.NEGATIVE_MAX);
        TeamAccess access = new TeamAccess(replica, identityClient);

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> access.require(user("mallory"), "known", TeamRole.USER))
                    .isInstanceOf(NotFoundException.class).hasMessage(TeamAccess.NOT_FOUND);
            assertThat(access.roleIn(user("mallory"), "nowhere")).isEmpty();
        }
        assertThat(calls).as("one question per slug and caller within the second").hasValue(2);
        assertThat(identityClient.state()).as("404s are answers, not failures").isEqualTo(CircuitBreaker.State.CLOSED);

        clock.advance(IdentityMembershipClient.NEGATIVE_TTL);
        memberships.put("mallory:known", "{\"teamId\":\"t-known\",\"role\":\"user\"}"); // she joined meanwhile
        assertThat(access.require(user("mallory"), "known", TeamRole.USER)).isEqualTo("t-known");
        assertThat(calls).hasValue(3);
        // another caller is not answered from mallory's entry
        assertThat(access.roleIn(user("bob"), "nowhere")).isEmpty();
        assertThat(calls).hasValue(4);
    }

    @Test
    void theNegativeCacheIsBounded() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        IdentityMembershipClient identityClient = client(clock, 3);
        for (String slug : new String[] {"s-1", "s-2", "s-3", "s-4", "s-5"}) {
            assertThat(identityClient.membership(user("eve"), slug)).isEmpty();
        }
        assertThat(identityClient.rememberedNotMembers()).isEqualTo(3);
        assertThat(calls).hasValue(5);
        identityClient.membership(user("eve"), "s-5"); // remembered
        assertThat(calls).hasValue(5);
        identityClient.membership(user("eve"), "s-1"); // the oldest was dropped: asked again
        assertThat(calls).hasValue(6);
    }

    @Test
    void failuresAreNotRemembered() {
        forcedStatus = 500;
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        IdentityMembershipClient identityClient = client(clock, 10);
        assertThat(identityClient.membership(user("bob"), "fresh")).isEmpty();
        forcedStatus = 0;
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        assertThat(identityClient.membership(user("bob"), "fresh")).contains(new Membership("t-fresh", TeamRole.OWNER));
        assertThat(calls).hasValue(2);
    }

    @Test
    void oneRequestAsksIdentityOnceForTheGateAndTheHandler() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"admin\"}");
        TeamAccess access = access(Duration.ofMillis(500));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            assertThat(access.roleIn(user("bob"), "fresh")).contains(TeamRole.ADMIN); // the gate
            assertThat(access.require(user("bob"), "fresh", TeamRole.USER)).isEqualTo("t-fresh"); // the handler
            assertThatThrownBy(() -> access.require(user("bob"), "fresh", TeamRole.OWNER))
                    .isInstanceOf(ForbiddenRoleException.class);
            assertThat(calls).hasValue(1);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        // the next request asks again (identity's positive answers are never kept across requests)
        assertThat(access.roleIn(user("bob"), "fresh")).contains(TeamRole.ADMIN);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRoleTooLowInTheReplicaIsCheckedWithIdentityBeforeThe403() {
        replica.on(new TeamMemberJoinedEvent("t-known", "cy", TeamRole.USER, Instant.now()), 1);
        MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        TeamAccess access = new TeamAccess(replica, client(clock, 10));
        assertThat(access.require(user("cy"), "known", TeamRole.USER)).isEqualTo("t-known");
        assertThat(calls).as("enough role: a hit never asks").hasValue(0);

        // identity does not know better yet (or is down): the replica's 403 stands
        assertThatThrownBy(() -> access.require(user("cy"), "known", TeamRole.ADMIN))
                .isInstanceOf(ForbiddenRoleException.class);
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> access.require(user("cy"), "known", TeamRole.ADMIN))
                .isInstanceOf(ForbiddenRoleException.class);
        assertThat(calls).as("identity's 'no' is believed for a second").hasValue(1);
        clock.advance(IdentityMembershipClient.NEGATIVE_TTL);

        // cy was just promoted: the replica has not heard, identity has
        memberships.put("cy:known", "{\"teamId\":\"t-known\",\"role\":\"admin\"}");
        assertThat(access.require(user("cy"), "known", TeamRole.ADMIN)).isEqualTo("t-known");
        assertThatThrownBy(() -> access.require(user("cy"), "known", TeamRole.OWNER))
                .isInstanceOf(ForbiddenRoleException.class);
        assertThat(calls).hasValue(3);
        // an answer about another team of that slug does not count
        memberships.put("cy:known", "{\"teamId\":\"t-other\",\"role\":\"owner\"}");
        assertThatThrownBy(() -> access.require(user("cy"), "known", TeamRole.OWNER))
                .isInstanceOf(ForbiddenRoleException.class);
    }

    @Test
    void aSlugTwoLiveTeamsClaimInTheReplicaIsAskedOfIdentity() {
        // t-known was renamed away from "known" and t-new took it, but the rename has not arrived yet
        replica.on(new TeamCreatedEvent("t-new", "New", "known", "bob", Instant.now()), 0);
        memberships.put("ada:known", "{\"teamId\":\"t-new\",\"role\":\"user\"}");
        TeamAccess access = access(Duration.ofMillis(500));

        assertThat(replica.teamIdBySlug("known")).isEmpty();
        assertThat(access.require(user("ada"), "known", TeamRole.USER)).as("identity knows which team").isEqualTo("t-new");
        assertThatThrownBy(() -> access.require(user("ada"), "known", TeamRole.OWNER))
                .as("not ada's old owner role of t-known").isInstanceOf(ForbiddenRoleException.class);
        assertThat(calls).hasValue(2);

        replica.on(new TeamRenamedEvent("t-known", "Known", "known-old"), 1);
        assertThat(replica.teamIdBySlug("known")).contains("t-new");
        assertThat(replica.teamIdBySlug("known-old")).contains("t-known");
    }

    @Test
    void withoutIdentityTheReplicaAloneAnswers() {
        memberships.put("bob:fresh", "{\"teamId\":\"t-fresh\",\"role\":\"owner\"}");
        assertThat(new TeamAccess(replica).roleIn(user("bob"), "fresh")).isEmpty();
        assertThat(calls).hasValue(0);
    }
}
