package io.wharf.identity.user.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session started (login, or the registration itself). {@code sessionId} is the token's
 * {@code jti}, not the token; {@code loggedInAt} is what team member lists show as lastLogin.
 */
@Revision("1")
public record UserLoggedInEvent(String userId, String sessionId, Instant loggedInAt, Instant expiresAt) {
}
