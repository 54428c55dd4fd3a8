package io.wharf.identity.config;

import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.security.WharfPrincipal;

/** Identity's routes act for a user; a deployment token has no user to act for (403 FORBIDDEN_SCOPE). */
public final class Callers {

    private Callers() {
    }

    /** The user the caller acts for, or FORBIDDEN_SCOPE with {@code refusal} as the message. */
    public static String userOf(WharfPrincipal caller, String refusal) {
        if (caller == null || !caller.actsForUser()) {
            throw new ForbiddenScopeException(refusal);
        }
        return caller.userId();
    }
}
