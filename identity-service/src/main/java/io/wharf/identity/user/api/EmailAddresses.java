package io.wharf.identity.user.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one definition of an e-mail address in identity: its shape and the form stored and compared. */
public final class EmailAddresses {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+$");
    private static final int MAX = 254;

    private EmailAddresses() {
    }

    /** Trimmed and lower-cased: uniqueness and matching are case-insensitive. */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The normalised address, or empty when it is not an e-mail address. */
    public static Optional<String> parse(String email) {
        String normalized = normalize(email);
        if (normalized == null || normalized.length() > MAX || !EMAIL.matcher(normalized).matches()
                || UserText.hasControlCharacters(normalized)) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }
}
