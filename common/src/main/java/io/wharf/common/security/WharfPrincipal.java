package io.wharf.common.security;

import io.wharf.common.metadata.ActorType;

/**
 * The verified caller, as the gateway forwards it (see {@link InternalAssertion}).
 *
 * @param userId     the user the credential acts for (null for a deployment token)
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
}
