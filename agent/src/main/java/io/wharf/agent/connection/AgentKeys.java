package io.wharf.agent.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The agent's RSA key pair (deployment secrets are encrypted for its public key, SPEC §4), created on
 * first start and kept in the data directory so a restart keeps the key and the secrets stay readable.
 */
final class AgentKeys {

    private final KeyPair pair;

    private AgentKeys(KeyPair pair) {
        this.pair = pair;
    }

    static AgentKeys load(Path dataDir) {
        Path privateFile = dataDir.resolve("agent-key.der");
        Path publicFile = dataDir.resolve("agent-key.pub.der");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
                return new AgentKeys(new KeyPair(publicKey, privateKey));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dataDir);
            Files.write(privateFile, pair.getPrivate().getEncoded());
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows
            }
            Files.write(publicFile, pair.getPublic().getEncoded());
            return new AgentKeys(pair);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo). */
    String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    PrivateKey privateKey() {
        return pair.getPrivate();
    }
}
