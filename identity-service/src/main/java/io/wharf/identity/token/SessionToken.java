package io.wharf.identity.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The facts of a session token: who, and its {@link Window}. */
public record SessionToken(String userId, String email, Window window) {

    /**
     * A session's id ({@code jti}) and validity. Chosen before the command is sent, so the event and
     * the token carry the same values.
     */
    public record Window(String id, Instant issuedAt, Instant expiresAt) {

        public static Window start(Clock clock, Duration lifetime) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
            return new Window(UUID.randomUUID().toString(), now, now.plus(lifetime));
        }
    }
}
