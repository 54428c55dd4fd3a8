package io.wharf.identity.team.command;

/**
 * The write side's table of taken team slugs and names (SPEC §2: both globally unique), like the
 * e-mail lookup of users. A command claims the values before the team's events are stored; the
 * claim is confirmed in the same unit of work as the events ({@link TeamNameLookupUpdater}) and
 * given back when the command fails.
 */
interface TeamNameLookup {

    enum Kind { SLUG, NAME }

    /**
     * Claims {@code value} for {@code teamId}.
     *
     * @return true when newly claimed, false when the team holds it already
     * @throws io.wharf.common.error.ConflictException (field {@code slug} or {@code name}) when another team holds it
     */
    boolean claim(Kind kind, String value, String teamId);

    /** Gives back an unconfirmed claim of {@code teamId} (its command failed). */
    void release(Kind kind, String value, String teamId);

    /** Marks the value as the team's (idempotent; rebuilds a missing entry). */
    void confirm(Kind kind, String value, String teamId);

    /** Frees the team's confirmed values other than these (after a rename). */
    void keepOnly(String teamId, String slug, String name);

    /** Frees every value of the team (deleted). */
    void freeAll(String teamId);
}
