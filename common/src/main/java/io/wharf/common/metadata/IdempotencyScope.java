package io.wharf.common.metadata;

import io.wharf.common.security.WharfPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The scope of an Idempotency-Key as the gateway defines it (SPEC §1.6: credential, method, path,
 * key; only POST and PATCH of an authenticated caller), narrowed to one command: the request may
 * send several, each gets its own entry (name and ordinal). The generation of the gateway's record
 * of the key is part of it ({@link IdempotentIds#GENERATION_HEADER}): retries within the record's
 * life share it, a key reused after the record expired does not. Hashed: the value travels in command
 * metadata and is a lookup key, nothing more.
 */
final class IdempotencyScope {

    private IdempotencyScope() {
    }

    /** Null when the request's commands are not to be deduplicated. */
    static String of(RequestContext request, String commandName) {
        String base = base(request);
        return base == null ? null : base + ":" + commandName + ":" + CurrentRequest.nextOrdinal(commandName);
    }

    /** The hash of the request's scope, or null when it has none (no key, anonymous, not POST/PATCH). */
    static String base(RequestContext request) {
        WharfPrincipal principal = request.principal();
        String key = request.idempotencyKey();
        if (key == null || key.isEmpty() || request.path() == null || principal == null
                || principal.tokenId() == null || !("post".equals(request.method()) || "patch".equals(request.method()))) {
            return null;
        }
        String scope = String.join("\n", principal.tokenId(), request.method(), request.path(), key);
        String generation = request.idempotencyGeneration();
        return sha256(generation == null || generation.isEmpty() ? scope : scope + "\n" + generation);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
