package io.wharf.agent.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the agent keeps the node token it got in exchange for the install token
 * ({@code <dataDir>/node-token}, owner-only). Once there, it is used instead of the environment's
 * token, which was one-time.
 */
final class TokenStore {

    private final Path file;
    private final String initial;

    TokenStore(Path dataDir, String initial) {
        this.file = dataDir.resolve("node-token");
        this.initial = initial;
    }

    String current() {
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return initial;
    }

    void store(String nodeToken) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "node-token", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply
            }
            Files.writeString(temp, nodeToken, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
