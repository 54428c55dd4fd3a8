package io.wharf.identity.pat.command;

/**
 * Write-side lookup of token names per user (SPEC §2: unique per user), consulted before the token
 * exists, never the read model. A name is claimed before the create command and freed when the token
 * is deleted or its creation failed.
 */
interface TokenNameLookup {

    /**
     * @return true when this call claimed the name, false when {@code tokenId} held it already (a retry
     *         of the same request: its claim is its own, never a conflict)
     * @throws io.wharf.common.error.ConflictException when another token of the user holds the name
     */
    boolean claim(String userId, String name, String tokenId);

    /** Frees whatever name the token holds (nothing when it holds none). */
    void release(String tokenId);
}
