package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A personal access token was deleted: gateways add {@code tokenId} to their revocation set until
 * {@code expiresAt}, and for good when it is null (a token that never expires).
 */
@Revision("1")
public record PersonalAccessTokenRevokedEvent(
        String tokenId,
        String userId,
        Instant expiresAt,
        Instant revokedAt) {
}
