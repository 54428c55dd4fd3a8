package io.wharf.common.security;

import io.wharf.common.metadata.ActorType;

/**
 * The verified caller, as the gateway forwards it (see {@link InternalAssertion}).
 *
 * @param userId     the token's {@code sub}: the user a session or PAT acts for; a deployment token may carry
 *                   its creator's id here, but acts for its deployment only, never as that user (use
 *                   {@link #actsForUser()} / {@link #userIdForTeamRoutes()}, never {@code userId != null})
 * @param email      that user's e-mail
 * @param credential {@code session}, {@code pat} or {@code deployment}
 * @param tokenId    the credential's {@code jti}, used for revocation
 * @param tokenName  name of a PAT or deployment token, else null
 */
public record WharfPrincipal(
        String userId,
        String email,
        String credential,
        String tokenId,
        String tokenName,
        ActorType actorType) {

    public static final String SESSION = "session";
    public static final String PAT = "pat";
    public static final String DEPLOYMENT = "deployment";

    /**
     * True when the credential acts as the user {@link #userId()}: a session or a personal access token
     * ({@link ActorType#USER}, not a deployment credential). A deployment token arrives with its
     * creator's {@code sub} as {@code userId}; judging by {@code userId != null} alone would let it act
     * as that user on every team route. A system credential acts for no user either.
     */
    public boolean actsForUser() {
        return userId != null && actorType == ActorType.USER && !DEPLOYMENT.equals(credential);
    }

    /** The user this credential acts for, or null when it acts for none ({@link #actsForUser()}). */
    public String userIdForTeamRoutes() {
        return actsForUser() ? userId : null;
    }
}
