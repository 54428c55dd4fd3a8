package io.wharf.identity.user.api;

import java.util.Optional;

/**
 * The write side's answer to "which registered user owns this e-mail" (the confirmed entries of the
 * e-mail lookup, current in the command's unit of work, never a view). The Team aggregate uses it
 * for invitation rules: inviting yourself, inviting a member, accepting with someone else's address.
 */
public interface UserDirectory {

    /** The registered user owning {@code email} (normalised, see {@link EmailAddresses#normalize}). */
    Optional<String> findUserId(String email);
}
