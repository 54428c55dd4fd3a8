package io.wharf.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.gateway.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of SPEC §1.6 that need no running gateway: key syntax, fingerprint, encryption. */
class IdempotencyRulesTest {

    @Test
    void keysAreOneToTwoHundredPrintableAsciiCharacters() {
        assertThat(IdempotencyKeys.validate(List.of("a"))).isEqualTo("a");
        assertThat(IdempotencyKeys.validate(List.of(" ~"))).isEqualTo(" ~");
        assertThat(IdempotencyKeys.validate(List.of("k".repeat(200)))).hasSize(200);
        for (String bad : new String[] {"", "k".repeat(201), "schlüssel", "ключ", "a\u0000b", "a\u007fb", "a\nb"}) {
            assertThatThrownBy(() -> IdempotencyKeys.validate(List.of(bad)))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        }
        assertThatThrownBy(() -> IdempotencyKeys.validate(List.of("a", "b"))).isInstanceOf(GatewayException.class);
    }

    @Test
    void theFingerprintIsThatOfTheCanonicalJson() {
        String canonical = Fingerprints.of(bytes("{\"a\":1,\"b\":{\"c\":[1,2],\"d\":\"x\"}}"));

        assertThat(Fingerprints.of(bytes(" {\"b\" : {\"d\":\"x\", \"c\":[1.0, 2]},\n\"a\":1.00}"))).isEqualTo(canonical);
        assertThat(Fingerprints.of(bytes("{\"a\":1,\"b\":{\"c\":[2,1],\"d\":\"x\"}}"))).isNotEqualTo(canonical);
        assertThat(Fingerprints.of(bytes("{\"a\":\"1\",\"b\":{\"c\":[1,2],\"d\":\"x\"}}"))).isNotEqualTo(canonical);
        assertThat(Fingerprints.of(new byte[0])).isEqualTo(Fingerprints.of(new byte[0])).isNotEqualTo(canonical);
        assertThat(Fingerprints.of(bytes("not json"))).isNotEqualTo(Fingerprints.of(bytes("not json!")));
    }

    @Test
    void aStoredResponseDecryptsOnlyUnderItsOwnScope() throws Exception {
        ResponseCipher cipher = ResponseCipher.from(null, "an-internal-secret-of-at-least-32-characters");
        byte[] sealed = cipher.encrypt(bytes("{\"token\":\"secret\"}"), "scope-a");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(cipher.decrypt(sealed, "scope-a")).isEqualTo(bytes("{\"token\":\"secret\"}"));
        assertThatThrownBy(() -> cipher.decrypt(sealed, "scope-b")).isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> ResponseCipher.from(null, "another-internal-secret-of-32-characters!")
                .decrypt(sealed, "scope-a")).isInstanceOf(java.security.GeneralSecurityException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
