package io.wharf.node.agent;

import io.wharf.node.config.NodeProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per agent address for refused connects (bad token, no Hello in time, a refused
 * Hello): the agent port faces the internet, and each attempt costs aggregate work. An address whose
 * bucket is empty is answered RESOURCE_EXHAUSTED before anything is looked up (the agent backs off).
 * Per replica, in memory: a replica's own work is what it protects. Valid connects cost nothing.
 */
@Component
class FailedConnectLimiter {

    /** Above this many addresses, full buckets are dropped (they are the default state anyway). */
    static final int MAX_TRACKED = 10_000;

    private final double burst;
    private final double perNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FailedConnectLimiter(NodeProperties properties) {
        NodeProperties.FailedConnects limits = properties.grpc().failedConnects();
        this.burst = Math.max(1, limits.burst());
        this.perNano = Math.max(1, limits.perMinute()) / 60e9;
    }

    private final class Bucket {
        private double tokens = burst;
        private long at = System.nanoTime();

        synchronized double refill(long now) {
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            return tokens;
        }

        synchronized void take() {
            refill(System.nanoTime());
            tokens = Math.max(0, tokens - 1);
        }
    }

    /** Whether the address may try (at least one refusal left in its bucket). */
    boolean allowed(String address) {
        Bucket bucket = buckets.get(key(address));
        return bucket == null || bucket.refill(System.nanoTime()) >= 1;
    }

    /** A connect from the address was refused. */
    void failed(String address) {
        if (buckets.size() > MAX_TRACKED) {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.refill(now) >= burst);
        }
        buckets.computeIfAbsent(key(address), a -> new Bucket()).take();
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }
}
