package io.wharf.identity.pat.command;

/**
 * Write-side lookup of token names per user (SPEC §2: unique per user), consulted before the token
 * exists, never the read model. A name is claimed before the create command and freed when the token
 * is deleted or its creation failed.
 */
interface TokenNameLookup {

    /** @throws io.wharf.common.error.ConflictException when the user has a live token of that name */
    void claim(String userId, String name, String tokenId);

    /** Frees whatever name the token holds (nothing when it holds none). */
    void release(String tokenId);
}
