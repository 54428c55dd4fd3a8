package io.wharf.node.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The agent credentials: {@code wit.<nodeId>.<secret>} (one-time install token) and
 * {@code wnt.<nodeId>.<secret>} (node token), the secret 32 random bytes in base64url. The node id in
 * the token only says which node the agent claims to be; what proves it is the SHA-256 of the whole
 * token matching the hash the node keeps (a token of node X presented as node Y never matches). A
 * plain hash is enough for 256-bit random secrets (no dictionary to try).
 */
public final class AgentTokens {

    public static final String INSTALL = "wit";
    public static final String NODE = "wnt";
    private static final Pattern SHAPE = Pattern.compile("(wit|wnt)\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentTokens() {
    }

    /** A parsed token: kind and the node it names. */
    public record Presented(boolean install, String nodeId, String token) {
    }

    public static String newInstallToken(String nodeId) {
        return INSTALL + "." + nodeId + "." + secret();
    }

    public static String newNodeToken(String nodeId) {
        return NODE + "." + nodeId + "." + secret();
    }

    /**
     * The nonce of an install script's public URL ({@code .../script?key=}): 32 random bytes, base64url.
     * Knowing the node id (lists, audit, events, logs) is not enough to fetch the script.
     */
    public static String newScriptKey() {
        return secret();
    }

    public static Optional<Presented> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            UUID.fromString(matcher.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Presented(INSTALL.equals(matcher.group(1)), matcher.group(2), token));
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
