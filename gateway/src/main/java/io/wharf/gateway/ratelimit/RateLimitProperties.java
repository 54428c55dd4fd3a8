package io.wharf.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SPEC §1.5: per credential, a burst window of one second and a steady window of one minute, with
 * separate budgets for mutating requests and reads. All numbers are configuration (the defaults,
 * 10/s + 150/min mutating and 75/s + 700/min reads, are in application.yml).
 *
 * @param redisUri     e.g. {@code redis://127.0.0.1:6379}: the counters live in Redis and hold across
 *                     gateway replicas; blank (the default) keeps them in this process
 * @param redisTimeout how long a request waits for Redis before this replica counts on its own
 */
@ConfigurationProperties("wharf.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        Budget mutating,
        Budget read,
        String redisUri,
        @DefaultValue("1s") Duration redisTimeout) {

    boolean shared() {
        return redisUri != null && !redisUri.isBlank();
    }

    /** Requests allowed per second ({@code burst}) and per minute ({@code steady}). */
    public record Budget(int burst, int steady) {
        public Budget {
            if (burst < 1 || steady < 1) {
                throw new IllegalArgumentException("rate limits must be at least 1");
            }
        }

        /** {@code RateLimit-Policy} of RFC draft "RateLimit header fields", as SPEC §1.5 spells it. */
        String policy() {
            return "\"burst\";q=" + burst + ";w=1, \"steady\";q=" + steady + ";w=60";
        }
    }
}
