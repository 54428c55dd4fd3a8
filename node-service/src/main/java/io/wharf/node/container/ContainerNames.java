package io.wharf.node.container;

import io.wharf.common.error.ValidationException;
import java.util.regex.Pattern;

/**
 * The container names Docker accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}), checked before anything
 * reaches an agent: no {@code /}, no {@code ..}, no control characters. A prefix is the same, and
 * may be empty (the routes without prefix).
 */
final class ContainerNames {

    static final int MAX = 128;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private ContainerNames() {
    }

    static void check(String field, String value, boolean mayBeEmpty) {
        if (value == null || value.isEmpty()) {
            if (mayBeEmpty) {
                return;
            }
            throw new ValidationException("A container " + field + " is required.", field, null);
        }
        if (value.length() > MAX || !NAME.matcher(value).matches() || value.contains("..")) {
            throw new ValidationException("A container " + field + " has 1 to " + MAX
                    + " letters, digits, '_', '.' or '-', starts with a letter or digit, and has no '..'.", field, null);
        }
    }
}
