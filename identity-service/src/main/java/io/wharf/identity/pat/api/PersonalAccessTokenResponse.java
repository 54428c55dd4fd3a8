package io.wharf.identity.pat.api;

import java.time.Instant;

/** A token as seed 003 lists it: never the secret. {@code expiresAt} is null when it never expires. */
public record PersonalAccessTokenResponse(String id, String name, Instant expiresAt, Instant createdAt) {
}
