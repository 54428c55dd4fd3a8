package io.wharf.common.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.metadata.RequestContext;
import io.wharf.common.security.InternalAssertion;
import io.wharf.common.security.WharfPrincipal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks identity-service "is this caller a member of the team {@code slug}, with which role?" when
 * the local {@link MembershipReplica} does not know (yet).
 *
 * <p><b>Why a synchronous call (DESIGN §4's one exception).</b> The replica is fed from Kafka and
 * lags identity by up to a second or so. A user who just created a team (201), renamed it, accepted
 * an invitation or was promoted, and at once calls another service's team route, must get an
 * immediate answer that no local replica can give yet: without this, {@code POST /api/teams} then
 * {@code GET /api/{slug}/projects} answered 404 (SPEC §1.1 read-your-writes). So on a replica
 * <em>miss</em> only (unknown slug, or not a member) the service asks identity, and:
 * <ul>
 *   <li>bounded: one GET with a short timeout (≤ 1 s, {@code wharf.identity.timeout});</li>
 *   <li>circuit-broken (resilience4j): when identity is down or slow, the circuit opens and requests
 *       are answered from the replica alone (404 for a miss) without waiting for identity;</li>
 *   <li>never on the hot path of a member the replica knows (a hit never calls, except once before a
 *       403 for a role that looks too low, see {@link TeamAccess}), so the lag of a <em>downgrade or
 *       removal</em> stays: the replica answers until the event arrives (docs/access.md);</li>
 *   <li>a "not a member" (404) is a successful answer for the circuit breaker, and it is remembered for
 *       {@link #NEGATIVE_TTL} (at most {@link #NEGATIVE_MAX} entries, oldest dropped first): strangers and
 *       unknown slugs, which always miss the replica, would otherwise cost identity a call each, so a
 *       client hammering a foreign slug cannot multiply identity's load. The price: a user who joins a
 *       team within that second after being refused may get one more 404 (the replica usually has the
 *       event by then). Positive answers are not kept: they must follow promotions and removals.</li>
 * </ul>
 * The request carries the caller's principal as the gateway-signed kind of internal assertion
 * ({@link InternalAssertion}, the secret the services already share); identity answers only about
 * that caller. Nothing is written to the replica from an answer: only events change it, so an answer
 * that crossed a later removal cannot outlive it.
 */
public final class IdentityMembershipClient {

    /** identity-service's route (docs/identity-service.md). */
    static final String PATH = "/internal/teams/by-slug/%s/members/%s";
    /** Never longer than this, whatever is configured: a user waits on it. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(1);
    static final String BREAKER_NAME = "identity-membership";
    /** How long identity's "not a member" is believed without asking again. */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(1);
    /** Bound of the negative cache; a flood of distinct slugs evicts its oldest entries, nothing grows. */
    static final int NEGATIVE_MAX = 10_000;

    private static final Logger log = LoggerFactory.getLogger(IdentityMembershipClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Anything else cannot be a slug or a user id; such requests are answered without a call. */
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

    private final URI baseUrl;
    private final InternalAssertion assertion;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final HttpClient http;
    private final Clock clock;
    /** slug + '\n' + userId → until when identity's 404 is believed; insertion order = eviction order. */
    private final Map<String, Instant> notMembers;

    public IdentityMembershipClient(URI baseUrl, InternalAssertion assertion, Duration timeout) {
        this(baseUrl, assertion, timeout, CircuitBreaker.of(BREAKER_NAME, breakerConfig()), Clock.systemUTC(),
                NEGATIVE_MAX);
    }

    IdentityMembershipClient(URI baseUrl, InternalAssertion assertion, Duration timeout, CircuitBreaker breaker,
                             Clock clock, int negativeMax) {
        this.clock = clock;
        this.notMembers = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > negativeMax;
            }
        };
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
        this.assertion = assertion;
        this.timeout = timeout == null || timeout.compareTo(MAX_TIMEOUT) > 0 || timeout.isNegative() || timeout.isZero()
                ? MAX_TIMEOUT : timeout;
        this.breaker = breaker;
        this.http = HttpClient.newBuilder().connectTimeout(this.timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Opens after half of at least 5 of the last 10 calls failed (error, 5xx, timeout); stays open
     * 10 s, then lets 2 calls probe. A 404 ("not a member") is a successful answer.
     */
    static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build();
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** The caller's membership of {@code slug} according to identity; empty for "no", and on any failure. */
    public Optional<Membership> membership(WharfPrincipal caller, String slug) {
        if (caller == null || !caller.actsForUser() || slug == null
                || !SAFE.matcher(slug).matches() || !SAFE.matcher(caller.userId()).matches()) {
            return Optional.empty();
        }
        String key = slug + "\n" + caller.userId();
        if (knownNotMember(key)) {
            return Optional.empty();
        }
        try {
            Optional<Membership> answer = breaker.executeCheckedSupplier(() -> ask(caller, slug));
            if (answer.isEmpty()) {
                rememberNotMember(key);
            }
            return answer;
        } catch (CallNotPermittedException open) {
            log.debug("identity membership circuit open: answering {} from the replica alone", slug);
            return Optional.empty();
        } catch (Throwable failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("identity membership lookup of team {} failed ({}): answering from the replica alone", slug,
                    failure.toString());
            return Optional.empty();
        }
    }

    private boolean knownNotMember(String key) {
        synchronized (notMembers) {
            Instant until = notMembers.get(key);
            if (until != null && !clock.instant().isBefore(until)) {
                notMembers.remove(key);
                return false;
            }
            return until != null;
        }
    }

    private void rememberNotMember(String key) {
        synchronized (notMembers) {
            notMembers.remove(key); // re-inserted: its eviction position is its newest answer
            notMembers.put(key, clock.instant().plus(NEGATIVE_TTL));
        }
    }

    /** How many "not a member" answers are remembered now (tests: the bound). */
    int rememberedNotMembers() {
        synchronized (notMembers) {
            return notMembers.size();
        }
    }

    private Optional<Membership> ask(WharfPrincipal caller, String slug) throws IOException, InterruptedException {
        String requestId = CurrentRequest.get().map(RequestContext::requestId).orElse(null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PATH.formatted(slug, caller.userId())))
                .timeout(timeout)
                .header(InternalAssertion.HEADER, assertion.sign(caller, requestId))
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("identity answered " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        String teamId = body.path("teamId").asText(null);
        Optional<TeamRole> role = TeamRole.parse(body.path("role").asText(null));
        if (teamId == null || role.isEmpty()) {
            throw new IOException("identity answered an unreadable membership");
        }
        return Optional.of(new Membership(teamId, role.get()));
    }
}
