package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A person created an account. Published on {@code wharf.identity.events}; other services keep a
 * user directory from it (names and e-mails for audit and messages). The password hash is not here:
 * it travels in identity's internal events only.
 */
@Revision("1")
public record UserRegisteredEvent(
        String userId,
        String email,
        String firstName,
        String lastName,
        Instant registeredAt) {
}
