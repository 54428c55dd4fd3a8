package io.wharf.identity.pat.api;

import java.time.Instant;

/** The answer to a create: the only time the token itself is shown. */
public record CreatedPersonalAccessTokenResponse(String id, String name, Instant expiresAt, Instant createdAt,
                                                 String token) {
}
