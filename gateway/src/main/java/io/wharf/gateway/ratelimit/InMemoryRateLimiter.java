package io.wharf.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Fixed windows per key: the current second and the current minute. A request counts against both
 * or against neither (a refused request takes nothing), so a client that backs off as told gets
 * through. Windows of keys nobody used for a minute are dropped as the map grows.
 */
final class InMemoryRateLimiter implements RateLimiter {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Windows> windows = new ConcurrentHashMap<>();

    @Override
    public Mono<Decision> take(String key, RateLimitProperties.Budget budget, long nowMillis) {
        return Mono.fromSupplier(() -> takeNow(key, budget, nowMillis));
    }

    @Override
    public Mono<Decision> check(String key, RateLimitProperties.Budget budget, long nowMillis) {
        return Mono.fromSupplier(() -> decide(key, budget, nowMillis, false));
    }

    /** The same, synchronously: a few nanoseconds under the key's lock, fine on the event loop. */
    Decision takeNow(String key, RateLimitProperties.Budget budget, long nowMillis) {
        return decide(key, budget, nowMillis, true);
    }

    private Decision decide(String key, RateLimitProperties.Budget budget, long nowMillis, boolean take) {
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> w.idleSince(nowMillis));
        }
        return windows.computeIfAbsent(key, k -> new Windows()).decide(budget, nowMillis, take);
    }

    /** The counters of one key; synchronized so both windows change together. */
    private static final class Windows {
        private long second = -1;
        private int inSecond;
        private long minute = -1;
        private int inMinute;

        synchronized Decision decide(RateLimitProperties.Budget budget, long now, boolean take) {
            if (now / SECOND != second) {
                second = now / SECOND;
                inSecond = 0;
            }
            if (now / MINUTE != minute) {
                minute = now / MINUTE;
                inMinute = 0;
            }
            long minuteReset = ceilSeconds((minute + 1) * MINUTE - now);
            if (inMinute >= budget.steady()) {
                return new Decision(false, 0, minuteReset, minuteReset);
            }
            if (inSecond >= budget.burst()) {
                return new Decision(false, budget.steady() - inMinute, minuteReset,
                        ceilSeconds((second + 1) * SECOND - now));
            }
            if (!take) {
                return new Decision(true, budget.steady() - inMinute, minuteReset, 0);
            }
            inSecond++;
            inMinute++;
            return new Decision(true, budget.steady() - inMinute, minuteReset, 0);
        }

        synchronized boolean idleSince(long now) {
            return now / MINUTE > minute;
        }

        private static long ceilSeconds(long millis) {
            return Math.max(1, (millis + SECOND - 1) / SECOND);
        }
    }
}
