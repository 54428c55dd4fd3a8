package io.wharf.gateway.ratelimit;

/**
 * Counts requests of one credential against a {@link RateLimitProperties.Budget}. The in-memory
 * implementation serves the single-gateway default; a store shared by gateway replicas (Redis) is
 * the next implementation behind this interface.
 */
interface RateLimiter {

    /** Takes one request from {@code key}'s budget at {@code nowMillis}, or refuses it. */
    Decision take(String key, RateLimitProperties.Budget budget, long nowMillis);

    /**
     * @param steadyRemaining requests left in the current minute
     * @param steadyResetSeconds whole seconds until the minute window restarts (≥ 1)
     * @param retryAfterSeconds for a refusal: whole seconds until a request can succeed (≥ 1)
     */
    record Decision(boolean allowed, int steadyRemaining, long steadyResetSeconds, long retryAfterSeconds) {
    }
}
