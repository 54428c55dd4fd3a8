package io.wharf.identity.user.command;

import io.wharf.identity.user.api.UserDirectory;
import java.time.Instant;
import java.util.Optional;

/**
 * The write side's table of taken e-mails (normalised). Registration claims an address before the
 * user exists; the claim becomes confirmed in the unit of work that stores the user's events.
 */
interface EmailLookup extends UserDirectory {

    /** Claims {@code email} for {@code userId}; throws ConflictException (field {@code email}) when taken. */
    void claim(String email, String userId);

    /** Gives up an unconfirmed claim of {@code userId} (the registration failed). */
    void release(String email, String userId);

    /** Marks the address as belonging to a registered user (idempotent; rebuilds a lost entry). */
    void confirm(String email, String userId);

    /** The registered user owning {@code email}. */
    @Override
    Optional<String> findUserId(String email);

    /** The entry for {@code email}, confirmed or not. */
    Optional<Claim> find(String email);

    /**
     * Moves an unconfirmed claim of {@code staleUserId} to {@code newUserId}, atomically: false when
     * the entry changed in between (confirmed, released, or taken over by someone else).
     */
    boolean takeOver(String email, String staleUserId, String newUserId);

    record Claim(String userId, boolean confirmed, Instant claimedAt) {
    }
}
