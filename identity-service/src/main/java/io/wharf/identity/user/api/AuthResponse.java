package io.wharf.identity.user.api;

import java.time.Instant;

/** Body of register (201) and login (200): {@code {user{id, name, email}, token, expiresAt}}. */
public record AuthResponse(UserResponse user, String token, Instant expiresAt) {

    public record UserResponse(String id, String name, String email) {
    }
}
