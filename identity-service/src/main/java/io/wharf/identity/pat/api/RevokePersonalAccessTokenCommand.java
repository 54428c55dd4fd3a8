package io.wharf.identity.pat.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deleting a token: only its owner may, anyone else learns nothing (404). */
public record RevokePersonalAccessTokenCommand(
        @TargetAggregateIdentifier String tokenId,
        String userId,
        Instant revokedAt) {
}
