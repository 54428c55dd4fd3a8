package io.wharf.project.storage.command;

import io.wharf.common.error.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rules of a storage's fields (SPEC §3; reference: {@code url} required and a URL). */
final class StorageRules {

    static final int NAME_MAX = 70;
    static final int TEXT_MAX = 1000;
    static final int KEY_MAX = 512;

    private StorageRules() {
    }

    static String name(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX) {
            throw new ValidationException("A storage name has 1 to " + NAME_MAX + " characters.", "name", null);
        }
        return trimmed;
    }

    static String optional(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new ValidationException("At most " + max + " characters.", field, null);
        }
        return value;
    }

    /** An S3 endpoint: {@code http(s)://host[:port][/path]} or {@code host[:port]} (https is added at deploy time). */
    static String url(String url) {
        String u = url == null ? "" : url.trim();
        if (u.isEmpty() || u.length() > 2000) {
            throw new ValidationException("A storage needs its S3 endpoint URL.", "url", null);
        }
        String lower = u.toLowerCase(Locale.ROOT);
        String full = lower.startsWith("http://") || lower.startsWith("https://") ? u : "https://" + u;
        try {
            URI uri = new URI(full);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new ValidationException("Not an S3 endpoint URL.", "url", "e.g. https://s3.example.com");
            }
        } catch (URISyntaxException e) {
            throw new ValidationException("Not an S3 endpoint URL.", "url", "e.g. https://s3.example.com");
        }
        return u;
    }
}
