package io.wharf.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Fixed windows per key: the current second and the current minute. A request counts against both
 * or against neither (a refused request takes nothing), so a client that backs off as told gets
 * through.
 *
 * <p>Keys nobody used in the current minute hold nothing that still counts (their windows would
 * restart on the next request anyway) and are dropped once the map holds more than
 * {@link #PRUNE_ABOVE} keys, <b>at most once per second</b>: a full scan on every request would make
 * each request cost O(keys) exactly when many clients (or a flood of made-up addresses) are about. So
 * the map holds the keys of the current minute plus at most one second's worth of new ones above the
 * threshold. Decisions are made and keys dropped under the map's per-key lock, so a prune never
 * loses a request that was being counted.
 */
final class InMemoryRateLimiter implements RateLimiter {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;
    static final int PRUNE_ABOVE = 10_000;
    static final long PRUNE_EVERY_MILLIS = SECOND;

    private final Map<String, Windows> windows = new ConcurrentHashMap<>();
    private final AtomicLong nextPrune = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong prunes = new AtomicLong();

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

    /** Keys held now. */
    int size() {
        return windows.size();
    }

    /** How often the map was scanned for idle keys. */
    long prunes() {
        return prunes.get();
    }

    private Decision decide(String key, RateLimitProperties.Budget budget, long nowMillis, boolean take) {
        pruneIfDue(nowMillis);
        Decision[] decision = new Decision[1];
        windows.compute(key, (k, held) -> {
            Windows w = held == null ? new Windows() : held;
            decision[0] = w.decide(budget, nowMillis, take);
            return w;
        });
        return decision[0];
    }

    /** One caller per second scans (the one that wins the CAS); everybody else goes on at once. */
    private void pruneIfDue(long nowMillis) {
        if (windows.size() <= PRUNE_ABOVE) {
            return;
        }
        long due = nextPrune.get();
        if (nowMillis < due || !nextPrune.compareAndSet(due, nowMillis + PRUNE_EVERY_MILLIS)) {
            return;
        }
        prunes.incrementAndGet();
        for (String key : windows.keySet()) {
            // Decided under the key's lock: a key counted a moment ago in this minute stays.
            windows.computeIfPresent(key, (k, w) -> w.idleSince(nowMillis) ? null : w);
        }
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
