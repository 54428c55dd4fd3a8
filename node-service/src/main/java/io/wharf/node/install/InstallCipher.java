package io.wharf.node.install;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest (DESIGN §6) for node-service: the pending install script holds a live one-time token,
 * so {@code node_installs} keeps it sealed with AES-256-GCM as {@code v1:<base64(iv ‖ ciphertext ‖ tag)>},
 * the node id as associated data (a sealed script moved to another node does not open). The same scheme
 * as project-service's {@code SecretCipher} (no cipher in common yet; a small copy rather than a
 * dependency between services). Key: {@code wharf.node.secrets.key} (base64 of 32 bytes), else derived
 * from the internal secret every replica shares, with a label of its own.
 */
final class InstallCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    InstallCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("wharf.node.secrets.key must be 32 bytes (AES-256), base64.");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    static InstallCipher of(String configuredKey, String internalSecret) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new InstallCipher(Base64.getDecoder().decode(configuredKey.strip()));
        }
        if (internalSecret == null || internalSecret.isBlank()) {
            throw new IllegalStateException("Neither wharf.node.secrets.key nor wharf.security.internal-secret is set.");
        }
        try {
            return new InstallCipher(MessageDigest.getInstance("SHA-256")
                    .digest(("wharf-node-installs-v1:" + internalSecret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String seal(String ownerId, String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing an install script failed", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key for this owner */
    String open(String ownerId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a sealed install script");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed install script does not open with this key", e);
        }
    }
}
