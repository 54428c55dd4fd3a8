package io.wharf.identity.pat.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param expiresAt null for a token that never expires */
public record CreatePersonalAccessTokenCommand(
        @TargetAggregateIdentifier String tokenId,
        String userId,
        String name,
        Instant createdAt,
        Instant expiresAt) {
}
