package io.wharf.gateway.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * identity's public keys for the token decoder: fetched on first use, kept, and fetched again
 * <ul>
 * <li>when a token names a {@code kid} the held set lacks (key rotation), but <b>at most once per
 *     {@code refreshInterval}</b>: without that bound every token with a made-up {@code kid} cost
 *     identity one JWKS request; now such a token is simply refused (no matching key → 401) while
 *     the interval runs;</li>
 * <li>when the held set is older than {@code maxAge}: the new set <em>replaces</em> the held one, so a
 *     key identity withdrew (compromised, retired) stops being trusted within {@code maxAge}, not only
 *     when the gateway restarts. The refetch happens before the set is used (the request that finds
 *     it old waits for it, concurrent ones share it); if identity cannot answer, the held set stays
 *     in use (an identity outage must not log everybody out) and the next attempt waits
 *     {@code refreshInterval}.</li>
 * </ul>
 *
 * <p>Until a set has been fetched successfully there is nothing to fall back on, so every request
 * that needs a key tries (concurrent requests share one fetch); a failed fetch fails the request
 * (the decoder reports "Could not obtain the keys", answered 503 by the filter).
 */
final class JwksCache {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final Supplier<Mono<JWKSet>> fetch;
    private final Duration refreshInterval;
    private final Duration maxAge;
    private final Clock clock;

    private volatile JWKSet keys;
    /** When the held set was fetched. */
    private volatile Instant fetchedAt;
    /** When a fetch was last started, successful or not. */
    private Instant lastAttempt;
    private Mono<JWKSet> inFlight;

    JwksCache(Supplier<Mono<JWKSet>> fetch, Duration refreshInterval, Duration maxAge, Clock clock) {
        this.fetch = fetch;
        this.refreshInterval = refreshInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The keys that may have signed {@code jwt} (the decoder's JWK source). */
    Flux<JWK> select(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet held = keys;
        if (held == null) {
            return fetchShared().flatMapIterable(selector::select);
        }
        Mono<JWKSet> current = tooOld() ? renewal(held) : null;
        if (current != null) {
            // The renewed set decides alone: a withdrawn key must not be found in the old one.
            return current.flatMapIterable(selector::select);
        }
        List<JWK> found = selector.select(held);
        if (!found.isEmpty()) {
            return Flux.fromIterable(found);
        }
        Mono<JWKSet> refresh = refreshIfDue();
        return refresh == null ? Flux.empty() : refresh.flatMapIterable(selector::select);
    }

    private boolean tooOld() {
        Instant at = fetchedAt;
        return at != null && !clock.instant().isBefore(at.plus(maxAge));
    }

    /**
     * A refetch of a set past its age, or null when one was attempted less than the interval ago; a
     * failure falls back to the held set.
     */
    private synchronized Mono<JWKSet> renewal(JWKSet held) {
        Mono<JWKSet> refresh = refreshIfDue();
        if (refresh == null) {
            return null;
        }
        return refresh.onErrorResume(e -> {
            log.warn("identity's keys could not be renewed, the held set stays in use: {}", e.toString());
            return Mono.just(held);
        });
    }

    /** A refetch, or null when the last attempt was less than the interval ago. */
    private synchronized Mono<JWKSet> refreshIfDue() {
        if (inFlight != null) {
            return inFlight;
        }
        if (lastAttempt != null && clock.instant().isBefore(lastAttempt.plus(refreshInterval))) {
            return null;
        }
        return fetchShared();
    }

    /** One fetch at a time; requests arriving meanwhile wait for the same answer. */
    private synchronized Mono<JWKSet> fetchShared() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant started = clock.instant();
        lastAttempt = started;
        Mono<JWKSet> fetching = fetch.get()
                .doOnNext(set -> {
                    keys = set;
                    fetchedAt = started;
                })
                .doFinally(signal -> done())
                .cache();
        inFlight = fetching;
        return fetching;
    }

    private synchronized void done() {
        inFlight = null;
    }
}
