package io.wharf.identity.team.command;

import io.wharf.common.error.ValidationException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.user.api.EmailAddresses;
import io.wharf.identity.user.api.UserText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The shape rules of a team (SPEC §2): name 1–70 characters, slug 3–16 of {@code a-z0-9-}; names
 * (team, invited person) without control characters ({@link UserText}).
 */
final class TeamRules {

    static final int NAME_MAX = 70;
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9-]{3,16}$");

    private TeamRules() {
    }

    /** The name, trimmed. */
    static String requireName(String name) {
        UserText.refuseControlCharacters(name, "name");
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ValidationException("The team name must be 1 to " + NAME_MAX + " characters long.", "name", null);
        }
        return trimmed;
    }

    /** The slug exactly as given: it must already be lower-case {@code a-z0-9-}, 3 to 16 characters. */
    static String requireSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new ValidationException("Invalid slug.", "slug",
                    "Use 3 to 16 characters of a-z, 0-9 and '-'.");
        }
        return slug;
    }

    /** An invited address, normalised (trimmed, lower case). */
    static String requireEmail(String email) {
        return EmailAddresses.parse(email)
                .orElseThrow(() -> new ValidationException("Not a valid e-mail address.", "email", null));
    }

    static String normalizeEmail(String email) {
        return EmailAddresses.normalize(email);
    }

    /** A first or last name of an invited person: trimmed, at most 70 characters. */
    static String requirePersonName(String value, String field, boolean required) {
        UserText.refuseControlCharacters(value, field);
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            if (required) {
                throw new ValidationException(field + " is required.", field, null);
            }
            return null;
        }
        if (trimmed.length() > NAME_MAX) {
            throw new ValidationException(field + " must be at most " + NAME_MAX + " characters.", field, null);
        }
        return trimmed;
    }

    static TeamRole requireRole(String role) {
        return TeamRole.parse(role).orElseThrow(() -> new ValidationException("Unknown role.", "role",
                "One of owner, admin, user."));
    }

    /** Names are unique ignoring case and surrounding spaces. */
    static String nameKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
