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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * identity's public keys for the token decoder: fetched on first use, kept, and refetched when a
 * token names a {@code kid} the held set lacks (key rotation), but <b>at most once per
 * {@code refreshInterval}</b>. Without that bound every token with a made-up {@code kid} cost identity
 * one JWKS request; now such a token is simply refused (no matching key → 401) while the interval runs.
 *
 * <p>Until a set has been fetched successfully there is nothing to fall back on, so every request
 * that needs a key tries (concurrent requests share one fetch); a failed fetch fails the request
 * (the decoder reports "Could not obtain the keys", answered 503 by the filter).
 */
final class JwksCache {

    private final Supplier<Mono<JWKSet>> fetch;
    private final Duration refreshInterval;
    private final Clock clock;

    private volatile JWKSet keys;
    private Instant lastFetch;
    private Mono<JWKSet> inFlight;

    JwksCache(Supplier<Mono<JWKSet>> fetch, Duration refreshInterval, Clock clock) {
        this.fetch = fetch;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /** The keys that may have signed {@code jwt} (the decoder's JWK source). */
    Flux<JWK> select(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet held = keys;
        if (held != null) {
            List<JWK> found = selector.select(held);
            if (!found.isEmpty()) {
                return Flux.fromIterable(found);
            }
            Mono<JWKSet> refresh = refreshIfDue();
            return refresh == null ? Flux.empty() : refresh.flatMapIterable(selector::select);
        }
        return fetchShared().flatMapIterable(selector::select);
    }

    /** A refetch for an unknown kid, or null when the last one was less than the interval ago. */
    private synchronized Mono<JWKSet> refreshIfDue() {
        if (inFlight != null) {
            return inFlight;
        }
        if (lastFetch != null && clock.instant().isBefore(lastFetch.plus(refreshInterval))) {
            return null;
        }
        return fetchShared();
    }

    /** One fetch at a time; requests arriving meanwhile wait for the same answer. */
    private synchronized Mono<JWKSet> fetchShared() {
        if (inFlight != null) {
            return inFlight;
        }
        lastFetch = clock.instant();
        Mono<JWKSet> started = fetch.get()
                .doOnNext(set -> keys = set)
                .doFinally(signal -> done())
                .cache();
        inFlight = started;
        return started;
    }

    private synchronized void done() {
        inFlight = null;
    }
}
