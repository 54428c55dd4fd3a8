package io.wharf.agent.docker;

import java.util.regex.Pattern;

/**
 * Wharf's container naming: {@code <prefix>-<name>} (or {@code <name>} without prefix), labelled with
 * the prefix and the name. Names and prefixes are what Docker accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*})
 * minus {@code ..}; anything with {@code /} or control characters is refused before Docker sees it.
 */
public final class ContainerNames {

    public static final String PREFIX_LABEL = "io.wharf.prefix";
    public static final String NAME_LABEL = "io.wharf.name";
    public static final String SECRET_KEYS_LABEL = "io.wharf.secret.keys";
    static final int MAX = 128;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private ContainerNames() {
    }

    /** @throws InvalidContainerNameException with the reason */
    public static void check(String what, String value, boolean mayBeEmpty) {
        if (value == null || value.isEmpty()) {
            if (mayBeEmpty) {
                return;
            }
            throw new InvalidContainerNameException("The container " + what + " is empty.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidContainerNameException("The container " + what + " contains control characters.");
        }
        if (value.contains("/")) {
            throw new InvalidContainerNameException("The container " + what + " contains '/'.");
        }
        if (value.contains("..")) {
            throw new InvalidContainerNameException("The container " + what + " contains '..'.");
        }
        if (value.length() > MAX || !NAME.matcher(value).matches()) {
            throw new InvalidContainerNameException("The container " + what + " '" + value
                    + "' is not 1-" + MAX + " letters, digits, '_', '.' or '-' starting with a letter or digit.");
        }
    }

    /** The engine name of prefix + name, both checked. */
    public static String engineName(String prefix, String name) {
        check("prefix", prefix, true);
        check("name", name, false);
        return prefix == null || prefix.isEmpty() ? name : prefix + "-" + name;
    }

    /** A name the agent refuses, with a message that says why. */
    public static final class InvalidContainerNameException extends IllegalArgumentException {
        public InvalidContainerNameException(String message) {
            super(message);
        }
    }
}
