package io.wharf.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = SecretCipher.of(null, "an-internal-secret-of-at-least-32-characters", "wharf-test-v1");

    @Test
    void sealsSoOnlyTheSameKeyAndOwnerOpen() {
        String sealed = cipher.seal("registry-1", "s3cr3t-token");

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(cipher.seal("registry-1", "s3cr3t-token")).isNotEqualTo(sealed); // fresh IV every time
        assertThat(cipher.open("registry-1", sealed)).isEqualTo("s3cr3t-token");
        assertThatThrownBy(() -> cipher.open("registry-2", sealed)).isInstanceOf(IllegalStateException.class);
        SecretCipher other = SecretCipher.of(Base64.getEncoder().encodeToString(new byte[32]), null, "wharf-test-v1");
        assertThatThrownBy(() -> other.open("registry-1", sealed)).isInstanceOf(IllegalStateException.class);
        assertThat(other.open("r", other.seal("r", "x"))).isEqualTo("x");
    }

    @Test
    void keysDerivedUnderAnotherLabelDoNotOpen() {
        String sealed = cipher.seal("node-1", "wit.token");
        SecretCipher sameSecretOtherLabel = SecretCipher.of(null, "an-internal-secret-of-at-least-32-characters", "wharf-other-v1");

        assertThatThrownBy(() -> sameSecretOtherLabel.open("node-1", sealed)).isInstanceOf(IllegalStateException.class);
        assertThat(SecretCipher.of(" ", "an-internal-secret-of-at-least-32-characters", "wharf-test-v1").open("node-1", sealed))
                .isEqualTo("wit.token");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(cipher.seal("r", null)).isNull();
        assertThat(cipher.open("r", null)).isNull();
    }
}
