package io.wharf.identity.user.api;

import io.wharf.common.events.Internal;
import org.axonframework.serialization.Revision;

/**
 * The user's password hash (bcrypt). Internal: it stays in identity's event store, is never
 * published, and {@link #toString()} keeps it out of logs.
 */
@Internal
@Revision("1")
public record UserPasswordSetEvent(String userId, String passwordHash) {

    @Override
    public String toString() {
        return "UserPasswordSetEvent[userId=" + userId + "]";
    }
}
