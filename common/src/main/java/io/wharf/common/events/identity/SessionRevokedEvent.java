package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session token stopped being valid before its expiry (logout). Gateways add {@code tokenId} to
 * their revocation set until {@code expiresAt}, after which the token is refused anyway.
 */
@Revision("1")
public record SessionRevokedEvent(
        String userId,
        String tokenId,
        Instant expiresAt,
        Instant revokedAt) {
}
