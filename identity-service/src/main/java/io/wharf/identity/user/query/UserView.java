package io.wharf.identity.user.query;

import java.time.Instant;

/** What team views show of a user: {@code name} is dyrector's display name, {@code lastLogin} may be null. */
public record UserView(String id, String name, String email, Instant lastLogin) {
}
