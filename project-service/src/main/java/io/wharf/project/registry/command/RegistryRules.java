package io.wharf.project.registry.command;

import io.wharf.common.error.ValidationException;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a registry's name and type-specific details (SPEC §3, reference §3.1), checked by the
 * aggregate. Fields that do not belong to the type are refused (400 with {@code details.<field>})
 * rather than silently dropped (SPEC §1.1). Answers the details as stored: trimmed, defaults applied.
 */
final class RegistryRules {

    static final int NAME_MAX = 70;
    static final int DESCRIPTION_MAX = 1000;
    static final int ICON_MAX = 1000;
    static final int PREFIX_MAX = 255;
    static final int USER_MAX = 255;
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
    private static final Set<String> GITLAB_NAMESPACES = Set.of("group", "project");
    private static final Set<String> GITHUB_NAMESPACES = Set.of("organization", "user");

    private RegistryRules() {
    }

    static boolean takesToken(RegistryType type) {
        return type == RegistryType.V2 || type == RegistryType.GITLAB || type == RegistryType.GITHUB
                || type == RegistryType.GOOGLE;
    }

    static final String RE_ENTER = "Re-enter the token when the address changes.";

    /**
     * Where and to whom a stored token authenticates: the type, the registry and API addresses, the
     * user, and for types whose prefix selects the account or project it signs in to (hub, github,
     * google) the prefix. A kept (omitted) token never follows a change of any of these: the live
     * check, browsing and digest lookups would otherwise send it to a host or account its owner never
     * gave it to (400 {@code details.token}, before anything is sent).
     */
    static void keptTokenStaysPut(RegistryType oldType, RegistryDetails old, RegistryType newType, RegistryDetails next) {
        if (!target(oldType, old).equals(target(newType, next))) {
            throw new ValidationException(RE_ENTER, "details.token",
                    "Send details.token again to keep a token at a new address, type, user or prefix.");
        }
    }

    private static List<String> target(RegistryType type, RegistryDetails d) {
        boolean prefixSignsIn = type == RegistryType.HUB || type == RegistryType.GITHUB || type == RegistryType.GOOGLE;
        return Arrays.asList(type.wire(), d.url(), d.apiUrl(), d.user(), prefixSignsIn ? d.imageNamePrefix() : null);
    }

    static RegistryType type(String wire) {
        return RegistryType.parse(wire).orElseThrow(() -> new ValidationException(
                "Unknown registry type.", "type", "One of v2, hub, gitlab, github, google, unchecked."));
    }

    static String name(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ValidationException("A registry name has 1 to " + NAME_MAX + " characters.", "name", null);
        }
        return trimmed;
    }

    static String optional(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ValidationException("At most " + max + " characters.", field, null);
        }
        return value;
    }

    /** @param token the sealed token the registry will hold after the command (null for none) */
    static RegistryDetails details(RegistryType type, RegistryDetails in, String token) {
        RegistryDetails d = in == null ? new RegistryDetails(null, null, null, null, null, null) : in;
        String user = blankToNull(d.user());
        return switch (type) {
            case V2 -> {
                only(d, token, "url", "user", "token");
                if (token != null && user == null) {
                    throw new ValidationException("A token needs a user.", "details.user", null);
                }
                yield new RegistryDetails(url(d.url(), "details.url", true), null, null, null, user(user), token);
            }
            case HUB -> {
                only(d, token, "imageNamePrefix");
                yield new RegistryDetails(RegistryType.HUB_URL, prefix(d.imageNamePrefix()), null, null, null, null);
            }
            case GITLAB -> {
                only(d, token, "url", "apiUrl", "user", "token", "imageNamePrefix", "namespace");
                String url = url(d.url(), "details.url", false);
                String apiUrl = url(d.apiUrl(), "details.apiUrl", false);
                if ((url == null) != (apiUrl == null)) {
                    throw new ValidationException("A self-managed GitLab needs both url and apiUrl.",
                            url == null ? "details.url" : "details.apiUrl", null);
                }
                yield new RegistryDetails(url == null ? RegistryType.GITLAB_URL : url, prefix(d.imageNamePrefix()),
                        namespace(d.namespace(), GITLAB_NAMESPACES), apiUrl, required(user(user), "details.user"),
                        required(token, "details.token"));
            }
            case GITHUB -> {
                only(d, token, "user", "token", "imageNamePrefix", "namespace");
                yield new RegistryDetails(RegistryType.GITHUB_URL, prefix(d.imageNamePrefix()),
                        namespace(d.namespace(), GITHUB_NAMESPACES), null, required(user(user), "details.user"),
                        required(token, "details.token"));
            }
            case GOOGLE -> {
                only(d, token, "url", "imageNamePrefix", "user", "token");
                if (token != null && user == null) {
                    throw new ValidationException("A private key needs the service account (user).", "details.user", null);
                }
                yield new RegistryDetails(url(d.url(), "details.url", true), prefix(d.imageNamePrefix()), null, null,
                        user(user), token);
            }
            case UNCHECKED -> {
                only(d, token, "url");
                yield new RegistryDetails(url(d.url(), "details.url", true), null, null, null, null, null);
            }
        };
    }

    /** Refuses a detail the type does not have (checked in a fixed order, so the field is stable). */
    private static void only(RegistryDetails d, String token, String... allowed) {
        Set<String> ok = Set.of(allowed);
        check(ok, "url", d.url());
        check(ok, "apiUrl", d.apiUrl());
        check(ok, "user", d.user());
        check(ok, "token", token);
        check(ok, "imageNamePrefix", d.imageNamePrefix());
        check(ok, "namespace", d.namespace());
    }

    private static void check(Set<String> allowed, String field, String value) {
        if (value != null && !allowed.contains(field)) {
            throw new ValidationException("This registry type has no " + field + ".", "details." + field, null);
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new ValidationException("Required for this registry type.", field, null);
        }
        return value;
    }

    private static String user(String user) {
        if (user != null && (user.length() > USER_MAX || user.chars().anyMatch(Character::isISOControl))) {
            throw new ValidationException("A user name has at most " + USER_MAX + " printable characters.",
                    "details.user", null);
        }
        return user;
    }

    private static String prefix(String prefix) {
        String p = blankToNull(prefix);
        if (p == null) {
            throw new ValidationException("Required for this registry type.", "details.imageNamePrefix", null);
        }
        p = p.trim();
        if (p.length() > PREFIX_MAX || !PREFIX.matcher(p).matches()) {
            throw new ValidationException("An image name prefix is lower-case path segments (a-z, 0-9, . _ -).",
                    "details.imageNamePrefix", "e.g. library or my-group/my-project");
        }
        return p;
    }

    private static String namespace(String namespace, Set<String> allowed) {
        if (namespace == null || !allowed.contains(namespace)) {
            throw new ValidationException("The namespace is one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ".", "details.namespace", null);
        }
        return namespace;
    }

    /**
     * A registry address: {@code host[:port][/path]} or an {@code http(s)://} URL, no credentials,
     * query or fragment; a trailing slash is dropped.
     */
    static String url(String url, String field, boolean required) {
        String u = blankToNull(url);
        if (u == null) {
            if (required) {
                throw new ValidationException("Required for this registry type.", field, null);
            }
            return null;
        }
        u = u.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.length() > 2000 || uri(u) == null) {
            throw new ValidationException("Not a registry address (host[:port][/path] or an http(s) URL).", field, null);
        }
        return u;
    }

    /** The URI of an address as {@link #url} accepts it (no scheme: https), null when it is not one. */
    static URI uri(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        String withScheme = lower.startsWith("http://") || lower.startsWith("https://") ? address : "https://" + address;
        try {
            URI uri = new URI(withScheme);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || (uri.getPath() != null && uri.getPath().contains(".."))) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
