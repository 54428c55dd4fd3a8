package io.wharf.project.project.command;

import io.wharf.common.error.ValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Shape rules of single requests (400 with the field): names, types, image references, semver. */
final class ProjectRules {

    static final int NAME_MAX = 70;
    static final int DESCRIPTION_MAX = 2000;
    static final int CHANGELOG_MAX = 10000;
    static final String VERSIONLESS = "versionless";
    static final String VERSIONED = "versioned";
    static final String INCREMENTAL = "incremental";
    static final String ROLLING = "rolling";
    static final Set<String> LABEL_COLORS = Set.of("red", "yellow", "blue", "green", "black");
    static final int LABELS_MAX = 32;
    static final int LABEL_TEXT_MAX = 256;

    /** Docker's repository path: lower-case components separated by '/', inner separators '.', '_', '-'. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private ProjectRules() {
    }

    /** A project or version name, trimmed: 1 to 70 characters. */
    static String name(String name, String field) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ValidationException("The name must be 1 to " + NAME_MAX + " characters long.", field, null);
        }
        return trimmed;
    }

    /** Names are unique ignoring case and surrounding spaces. */
    static String nameKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    static String text(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ValidationException("At most " + max + " characters.", field, null);
        }
        return value;
    }

    static String projectType(String type) {
        if (!VERSIONLESS.equals(type) && !VERSIONED.equals(type)) {
            throw new ValidationException("Unknown project type.", "type", "versionless or versioned.");
        }
        return type;
    }

    /** Version type, {@code incremental} when not given (dyrector's default). */
    static String versionType(String type) {
        if (type == null) {
            return INCREMENTAL;
        }
        if (!INCREMENTAL.equals(type) && !ROLLING.equals(type)) {
            throw new ValidationException("Unknown version type.", "type", "incremental or rolling.");
        }
        return type;
    }

    record ImageRef(String name, String tag) {
    }

    /**
     * {@code name[:tag]}: the tag is what follows the last ':' after the last '/', so a registry
     * host with a port in front is not mistaken for a tag; {@code latest} when there is none.
     */
    static ImageRef imageRef(String reference, String field) {
        if (reference == null || reference.isBlank()) {
            throw new ValidationException("An image name is required.", field, null);
        }
        String ref = reference.trim();
        int colon = ref.lastIndexOf(':');
        String name = ref;
        String tag = "latest";
        if (colon > ref.lastIndexOf('/')) {
            name = ref.substring(0, colon);
            tag = ref.substring(colon + 1);
        }
        if (name.length() > 255 || !REPOSITORY.matcher(name).matches()) {
            throw new ValidationException("Not an image name.", field,
                    "Lower-case path segments of a-z, 0-9, '.', '_', '-' separated by '/', optionally ':tag'.");
        }
        tag(tag, field);
        return new ImageRef(name, tag);
    }

    static String tag(String tag, String field) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new ValidationException("Not an image tag.", field,
                    "1 to 128 characters of A-Z, a-z, 0-9, '_', '.', '-', not starting with '.' or '-'.");
        }
        return tag;
    }

    static String semver(String version, String field) {
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw new ValidationException("Not a semantic version.", field, "For example 1.2.0 or 2.0.0-rc.1.");
        }
        return version;
    }
}
