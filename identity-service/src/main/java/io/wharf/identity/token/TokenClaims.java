package io.wharf.identity.token;

/** Claim names and values of docs/conventions.md. */
final class TokenClaims {

    static final String ISSUER = "wharf";
    static final String EMAIL = "email";
    static final String TYPE = "typ";
    static final String NAME = "name";
    static final String SESSION = "session";
    static final String PAT = "pat";

    private TokenClaims() {
    }
}
