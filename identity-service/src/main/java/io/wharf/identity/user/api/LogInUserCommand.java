package io.wharf.identity.user.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start a session if the password matches; answers the user's {@link UserProfile}. */
public record LogInUserCommand(
        @TargetAggregateIdentifier String userId,
        String password,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "LogInUserCommand[userId=" + userId + ", sessionId=" + sessionId + "]";
    }
}
