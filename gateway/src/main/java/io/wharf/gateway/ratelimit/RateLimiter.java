package io.wharf.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Counts requests of one credential against a {@link RateLimitProperties.Budget}. The in-memory
 * implementation serves the single-gateway default; {@link RedisRateLimiter} is the store shared by
 * gateway replicas.
 */
interface RateLimiter extends AutoCloseable {

    /**
     * Takes one request from {@code key}'s budget at {@code nowMillis} (a shared store may use its
     * own clock instead, the one clock every replica sees), or refuses it.
     */
    Mono<Decision> take(String key, RateLimitProperties.Budget budget, long nowMillis);

    /** What {@link #take} would decide, without taking anything. */
    Mono<Decision> check(String key, RateLimitProperties.Budget budget, long nowMillis);

    /** Releases connections, if any. */
    @Override
    default void close() {
    }

    /**
     * @param steadyRemaining requests left in the current minute
     * @param steadyResetSeconds whole seconds until the minute window restarts (≥ 1)
     * @param retryAfterSeconds for a refusal: whole seconds until a request can succeed (≥ 1)
     */
    record Decision(boolean allowed, int steadyRemaining, long steadyResetSeconds, long retryAfterSeconds) {
    }
}
