package io.wharf.identity.user.command;

import io.wharf.common.error.ValidationException;
import io.wharf.identity.user.api.EmailAddresses;
import io.wharf.identity.user.api.UserText;
import java.nio.charset.StandardCharsets;

/** The shape rules of a user (SPEC §2 and §1.3), shared by the aggregate and the registration handler. */
final class UserRules {

    static final int NAME_MAX = 70;
    static final int PASSWORD_MIN_BYTES = 8;
    /** bcrypt ignores everything after 72 bytes; refusing is better than silently truncating. */
    static final int PASSWORD_MAX_BYTES = 72;

    private UserRules() {
    }

    /** Trimmed and lower-cased: the form that is stored and compared (uniqueness is case-insensitive). */
    static String normalizeEmail(String email) {
        return EmailAddresses.normalize(email);
    }

    static String requireEmail(String email) {
        return EmailAddresses.parse(email)
                .orElseThrow(() -> new ValidationException("Not a valid e-mail address.", "email", null));
    }

    static String requireName(String value, String field, boolean required) {
        UserText.refuseControlCharacters(value, field);
        String trimmed = value == null ? null : value.trim();
        if (trimmed == null || trimmed.isEmpty()) {
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

    static void requirePassword(String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
            throw new ValidationException("The password must be " + PASSWORD_MIN_BYTES + " to "
                    + PASSWORD_MAX_BYTES + " bytes long.", "password", null);
        }
    }
}
