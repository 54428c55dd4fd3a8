package io.wharf.agent.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which token the agent presents. It keeps the node token it got in exchange for an install token in
 * {@code <dataDir>/node-token} (owner-only) and the SHA-256 of that install token in
 * {@code <dataDir>/install-token.sha256}:
 * <ul>
 * <li>the environment's install token ({@code WHARF_TOKEN=wit.…}) is presented when it is not the one
 *     already exchanged — a reinstall on the same host (revoke, new script, same data folder) must use
 *     the new token, not the stored node token that was revoked;</li>
 * <li>otherwise the stored node token (the install token was one-time), so restarts keep working;</li>
 * <li>without a stored node token, whatever the environment carries.</li>
 * </ul>
 * When the server refuses a new install token while a node token is stored (an expired script, or a
 * data folder from before the hash was kept), the stored node token is tried once before giving up.
 */
final class TokenStore {

    static final String NODE_TOKEN = "node-token";
    static final String EXCHANGED = "install-token.sha256";

    private final Path file;
    private final Path exchanged;
    private final String initial;
    private volatile boolean initialRefused;

    TokenStore(Path dataDir, String initial) {
        this.file = dataDir.resolve(NODE_TOKEN);
        this.exchanged = dataDir.resolve(EXCHANGED);
        this.initial = initial == null ? "" : initial.strip();
    }

    /** The token to present on the next connect. */
    String current() {
        String stored = read(file);
        if (stored.isEmpty() || freshInstallToken()) {
            return initial;
        }
        return stored;
    }

    /** The environment carries an install token that this agent has not exchanged yet. */
    private boolean freshInstallToken() {
        return initial.startsWith("wit.") && !initialRefused && !sha256(initial).equals(read(exchanged));
    }

    /**
     * The server refused {@code presented} as a credential. True when another one is left to try (the
     * stored node token after a refused install token), false when the agent must stop.
     */
    boolean refused(String presented) {
        if (presented.equals(initial) && !initialRefused && !read(file).isEmpty() && !read(file).equals(initial)) {
            initialRefused = true;
            return true;
        }
        return false;
    }

    /** Keeps the node token the server handed out for {@code exchangedInstallToken}. */
    void store(String nodeToken, String exchangedInstallToken) {
        // the hash first: a crash between the two writes re-presents the used install token, which the
        // server refuses, and the stored node token is tried next
        write(exchanged, sha256(exchangedInstallToken));
        write(file, nodeToken);
        initialRefused = false;
    }

    private static String read(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String value) {
        try {
            Files.createDirectories(path.getParent());
            Path temp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply
            }
            Files.writeString(temp, value, StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
