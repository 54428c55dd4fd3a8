package io.wharf.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @TempDir
    Path data;

    @Test
    void createdOnceOwnerOnlyAndReused() throws Exception {
        String first = Secrets.internalSecret(data);
        Path file = data.resolve(Secrets.FILE_NAME);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Secrets.internalSecret(data)).isEqualTo(first);
    }

    @Test
    void eachDataDirectoryHasItsOwn(@TempDir Path other) throws Exception {
        assertThat(Secrets.internalSecret(data)).isNotEqualTo(Secrets.internalSecret(other));
    }
}
