package io.wharf.identity.user.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create an account and its first session. The password is plain here (the aggregate checks its
 * length and hashes it); commands are never stored, and {@link #toString()} hides it.
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String email,
        String password,
        String firstName,
        String lastName,
        String sessionId,
        Instant issuedAt,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", sessionId=" + sessionId + "]";
    }
}
