package io.wharf.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Token ids ({@code jti}) revoked before their expiry. An entry is only needed until the token
 * would have expired anyway, so entries are dropped at {@code expiresAt}.
 */
@Component
public class RevocationSet {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevocationSet(Clock clock) {
        this.clock = clock;
    }

    public void revoke(String tokenId, Instant expiresAt) {
        if (expiresAt.isAfter(clock.instant())) {
            revokedUntil.merge(tokenId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    public boolean isRevoked(String tokenId) {
        Instant until = revokedUntil.get(tokenId);
        return until != null && until.isAfter(clock.instant());
    }

    /** Forgets entries whose tokens have expired; called now and then by the listener. */
    public void purgeExpired() {
        Instant now = clock.instant();
        revokedUntil.values().removeIf(until -> !until.isAfter(now));
    }

    public int size() {
        return revokedUntil.size();
    }
}
