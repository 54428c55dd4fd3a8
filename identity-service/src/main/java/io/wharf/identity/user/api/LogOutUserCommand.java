package io.wharf.identity.user.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End the session whose token id is {@code sessionId}. */
public record LogOutUserCommand(
        @TargetAggregateIdentifier String userId,
        String sessionId,
        Instant revokedAt) {
}
