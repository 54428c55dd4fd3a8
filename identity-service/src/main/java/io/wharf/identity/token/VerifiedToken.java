package io.wharf.identity.token;

import java.time.Instant;

/** The claims of a token whose signature, issuer and expiry were checked. */
public record VerifiedToken(String userId, String email, String type, String tokenId, String name,
        Instant issuedAt, Instant expiresAt) {
}
