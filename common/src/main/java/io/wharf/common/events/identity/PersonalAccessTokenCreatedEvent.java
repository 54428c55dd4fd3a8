package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user created a personal access token. Never carries the token itself: it is shown once to its
 * owner and only its id ({@code jti}) is kept.
 *
 * @param expiresAt null when the token never expires
 */
@Revision("1")
public record PersonalAccessTokenCreatedEvent(
        String tokenId,
        String userId,
        String name,
        Instant createdAt,
        Instant expiresAt) {
}
