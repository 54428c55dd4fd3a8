package io.wharf.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.wharf.agent.protocol.v1.Hello;
import io.wharf.node.support.RawAgent;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The Hello's public key: RSA of 2048 to 8192 bits only (the agent encrypts and decrypts with RSA). */
class HelloCheckTest {

    private static Hello withKey(String pem) {
        return Hello.newBuilder().setProtocolVersion("1").setAgentVersion("0.1.0").setPublicKey(pem).build();
    }

    private static String ecKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void rsaKeysOf2048To8192BitsAreAccepted() {
        assertThat(HelloCheck.refusal(withKey(RawAgent.publicKeyPem(2048)))).isNull();
        assertThat(HelloCheck.refusal(withKey(RawAgent.publicKeyPem(4096)))).isNull();
    }

    @Test
    void anEcKeyIsRefusedWithAReason() throws Exception {
        Status refusal = HelloCheck.refusal(withKey(ecKeyPem()));
        assertThat(refusal).isNotNull();
        assertThat(refusal.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal.getDescription()).contains("EC key").contains("only RSA");
    }

    @Test
    void aShortRsaKeyIsRefused() {
        assertThat(HelloCheck.refusal(withKey(RawAgent.publicKeyPem(1024))).getDescription()).contains("1024 bits");
    }
}
