package io.wharf.node.node.command;

import io.wharf.common.error.ValidationException;

/** The shape rules of a node's details (SPEC §4; lengths where SPEC is silent: docs/node-service.md). */
final class NodeRules {

    static final int NAME_MAX = 70;
    static final int DESCRIPTION_MAX = 500;
    static final int ICON_MAX = 100;

    private NodeRules() {
    }

    static void checkDetails(String name, String description, String icon) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ValidationException("A node name has 1 to " + NAME_MAX + " characters.", "name", null);
        }
        if (hasControl(trimmed)) {
            throw new ValidationException("A node name has no control characters.", "name", null);
        }
        if (description != null && description.length() > DESCRIPTION_MAX) {
            throw new ValidationException("A description has at most " + DESCRIPTION_MAX + " characters.",
                    "description", null);
        }
        if (icon != null && (icon.length() > ICON_MAX || hasControl(icon))) {
            throw new ValidationException("An icon has at most " + ICON_MAX + " printable characters.", "icon", null);
        }
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
