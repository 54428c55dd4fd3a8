package io.wharf.gateway.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The same fixed windows as {@link InMemoryRateLimiter}, kept in Redis so that every gateway replica
 * counts against one budget per credential. One Lua script per request reads both windows, refuses
 * or increments both, and sets their expiry: atomic, one round trip. The windows follow Redis's clock
 * ({@code TIME}), the one clock all replicas share.
 *
 * <p><b>Redis unreachable: fail open to the local limiter.</b> Refusing every request (fail closed)
 * would turn a cache outage into a full API outage; letting everything through would drop the
 * protection the limits exist for. So while Redis does not answer (within {@code redis-timeout}),
 * each replica limits on its own with the in-memory windows: the limits hold per replica, i.e.
 * at most replicas × the budget. One WARN when an outage starts, one INFO when Redis answers again.
 */
final class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    /**
     * KEYS[1] = the credential's key prefix; ARGV = burst, steady, take (1) or only check (0). Returns {allowed 0|1, steady
     * remaining, ms to the minute's reset, ms until a refused request may succeed}.
     */
    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local burst = tonumber(ARGV[1])
            local steady = tonumber(ARGV[2])
            local take = ARGV[3] == '1'
            local sec = math.floor(now / 1000)
            local min = math.floor(now / 60000)
            local skey = KEYS[1] .. ':s:' .. sec
            local mkey = KEYS[1] .. ':m:' .. min
            local inSec = tonumber(redis.call('GET', skey) or '0')
            local inMin = tonumber(redis.call('GET', mkey) or '0')
            local minReset = (min + 1) * 60000 - now
            if inMin >= steady then
              return {0, 0, minReset, minReset}
            end
            if inSec >= burst then
              return {0, steady - inMin, minReset, (sec + 1) * 1000 - now}
            end
            if not take then
              return {1, steady - inMin, minReset, 0}
            end
            redis.call('INCR', skey)
            redis.call('PEXPIRE', skey, 2000)
            redis.call('INCR', mkey)
            redis.call('PEXPIRE', mkey, 61000)
            return {1, steady - inMin - 1, minReset, 0}
            """;
    static final String SCRIPT_SHA = sha1(SCRIPT);

    private final RedisConnector redis;
    private final RateLimiter fallback;
    private final Duration timeout;
    private final AtomicBoolean outage = new AtomicBoolean();

    RedisRateLimiter(RedisConnector redis, RateLimiter fallback, Duration timeout) {
        this.redis = redis;
        this.fallback = fallback;
        this.timeout = timeout;
    }

    @Override
    public Mono<Decision> take(String key, RateLimitProperties.Budget budget, long nowMillis) {
        return decide(key, budget, nowMillis, true);
    }

    @Override
    public Mono<Decision> check(String key, RateLimitProperties.Budget budget, long nowMillis) {
        return decide(key, budget, nowMillis, false);
    }

    private Mono<Decision> decide(String key, RateLimitProperties.Budget budget, long nowMillis, boolean take) {
        String[] keys = {"wharf:rl:{" + key + "}"};
        String burst = Integer.toString(budget.burst());
        String steady = Integer.toString(budget.steady());
        String mode = take ? "1" : "0";
        return redis.commands()
                .flatMap(commands -> evaluate(commands, keys, burst, steady, mode))
                .timeout(timeout)
                .map(RedisRateLimiter::decision)
                .doOnNext(ignored -> {
                    if (outage.compareAndSet(true, false)) {
                        log.info("Redis answers again: rate limits are shared by the gateway replicas again");
                    }
                })
                .onErrorResume(e -> {
                    if (outage.compareAndSet(false, true)) {
                        log.warn("Redis does not answer ({}): rate limits fall back to this replica's own counters "
                                + "until it does", e.toString());
                    }
                    return take ? fallback.take(key, budget, nowMillis) : fallback.check(key, budget, nowMillis);
                });
    }

    @Override
    public void close() {
        redis.close();
    }

    private static Mono<List<Object>> evaluate(RedisReactiveCommands<String, String> commands, String[] keys,
                                               String burst, String steady, String mode) {
        // A MULTI reply arrives as one element: the list.
        return commands.<List<Object>>evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, keys, burst, steady, mode)
                .next()
                .onErrorResume(RedisNoScriptException.class, e -> commands
                        .<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, burst, steady, mode).next());
    }

    private static Decision decision(List<Object> reply) {
        boolean allowed = ((Long) reply.get(0)) == 1L;
        int remaining = ((Long) reply.get(1)).intValue();
        long minuteReset = ceilSeconds((Long) reply.get(2));
        long retryAfter = allowed ? 0 : ceilSeconds((Long) reply.get(3));
        return new Decision(allowed, remaining, minuteReset, retryAfter);
    }

    private static long ceilSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String sha1(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
