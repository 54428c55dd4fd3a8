package io.wharf.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.common.test.MovableClock;
import io.wharf.gateway.support.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The JWKS cache's refetch rules, on a clock the test moves. */
class JwksCacheTest {

    private final RSAKey first = TestTokens.newKey("k1");
    private final List<JWK> published = new ArrayList<>(List.of(first.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean identityUp = new AtomicBoolean(true);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JwksCache cache = new JwksCache(() -> Mono.defer(() -> {
        fetches.incrementAndGet();
        return identityUp.get() ? Mono.just(new JWKSet(List.copyOf(published)))
                : Mono.error(new IllegalStateException("identity is down"));
    }), Duration.ofSeconds(10), Duration.ofMinutes(10), clock);

    @Test
    void keysAreFetchedOnceAndKept() {
        assertThat(select("k1")).hasSize(1);
        assertThat(select("k1")).hasSize(1);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void unknownKeyIdsRefetchAtMostOncePerInterval() {
        select("k1");
        clock.advance(Duration.ofSeconds(11));
        assertThat(select("random-1")).isEmpty(); // refetched: still unknown
        assertThat(fetches).hasValue(2);
        for (int i = 0; i < 50; i++) {
            assertThat(select("random-" + i)).isEmpty();
        }
        assertThat(fetches).hasValue(2);

        // A rotation is picked up once the interval has passed.
        published.add(TestTokens.newKey("k2").toPublicJWK());
        clock.advance(Duration.ofSeconds(9));
        assertThat(select("k2")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(select("k2")).hasSize(1);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void withoutKeysEveryRequestTriesAndAFailureIsAnError() {
        identityUp.set(false);
        assertThatThrownBy(() -> select("k1")).hasMessageContaining("identity is down");
        assertThatThrownBy(() -> select("k1")).hasMessageContaining("identity is down");
        identityUp.set(true);
        assertThat(select("k1")).hasSize(1);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void concurrentMissesShareOneFetch() {
        Sinks.One<JWKSet> answer = Sinks.one();
        AtomicInteger slowFetches = new AtomicInteger();
        JwksCache slow = new JwksCache(() -> Mono.defer(() -> {
            slowFetches.incrementAndGet();
            return answer.asMono();
        }), Duration.ZERO, Duration.ofMinutes(10), Clock.systemUTC());
        List<List<JWK>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.select(jwt("k1")).collectList().subscribe(results::add);
        }
        answer.tryEmitValue(new JWKSet(first.toPublicJWK()));
        assertThat(results).hasSize(5).allSatisfy(keys -> assertThat(keys).hasSize(1));
        assertThat(slowFetches).hasValue(1);
    }

    @Test
    void aSetOlderThanItsMaxAgeIsReplacedSoAWithdrawnKeyStopsBeingTrusted() {
        assertThat(select("k1")).hasSize(1);
        // identity rotates: k2 published, k1 withdrawn (its tokens must stop passing).
        published.clear();
        published.add(TestTokens.newKey("k2").toPublicJWK());

        clock.advance(Duration.ofMinutes(9));
        assertThat(select("k1")).as("still within the max age").hasSize(1);
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(select("k1")).as("the renewed set decides").isEmpty();
        assertThat(fetches).hasValue(2);
        assertThat(select("k2")).hasSize(1);
        assertThat(select("k1")).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void whenIdentityCannotRenewTheHeldSetStaysAndRenewalIsRetriedAfterTheInterval() {
        select("k1");
        clock.advance(Duration.ofMinutes(10));
        identityUp.set(false);
        assertThat(select("k1")).as("an identity outage logs nobody out").hasSize(1);
        assertThat(select("k1")).hasSize(1);
        assertThat(fetches).as("one attempt per refresh interval").hasValue(2);

        published.clear();
        published.add(TestTokens.newKey("k2").toPublicJWK());
        identityUp.set(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(select("k1")).isEmpty();
        assertThat(select("k2")).hasSize(1);
        assertThat(fetches).hasValue(3);
    }

    private List<JWK> select(String kid) {
        return cache.select(jwt(kid)).collectList().block();
    }

    private SignedJWT jwt(String kid) {
        return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().build());
    }
}
