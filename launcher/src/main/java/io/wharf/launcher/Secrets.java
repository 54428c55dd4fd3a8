package io.wharf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The internal secret shared by the gateway and the services: created once per data directory, mode 0600. */
public final class Secrets {

    static final String FILE_NAME = "internal-secret";

    private Secrets() {
    }

    public static String internalSecret(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            // 64 URL-safe characters: well above the 32 that InternalAssertion requires.
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                // Created with 0600 from the start, so the secret is never readable by others.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, secret, StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                // another launcher created it first; use theirs
            } catch (UnsupportedOperationException notPosix) {
                Files.writeString(file, secret, StandardCharsets.US_ASCII);
            }
        }
        String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (secret.length() < 32) {
            throw new IllegalStateException(file + " holds fewer than 32 characters; delete it to get a new secret");
        }
        return secret;
    }
}
