package io.wharf.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest (DESIGN §6), sealed with AES-256-GCM as {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}:
 * project-service's registry tokens and storage secret keys (before they enter a command, so events,
 * the event store, Kafka and the write-side tables never hold them in plaintext) and node-service's
 * pending install scripts. The owner's id (registry, storage or node id) is the associated data: a
 * sealed value moved to another object does not open.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secrets key must be 32 bytes (AES-256).");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The configured key (the service's {@code wharf.<service>.secrets.key}, base64 of 32 bytes), or
     * when there is none a key derived from the internal secret every service shares
     * ({@code wharf.security.internal-secret}) under {@code label}: services that use the same label
     * (project-service's tokens, opened by deployment-service later) open each other's values,
     * different labels keep the keys apart.
     *
     * @param label derivation label, part of the stored format: never change it for existing data
     */
    public static SecretCipher of(String configuredKey, String internalSecret, String label) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new SecretCipher(Base64.getDecoder().decode(configuredKey.trim()));
        }
        if (internalSecret == null || internalSecret.isBlank()) {
            throw new IllegalStateException("Neither a secrets key nor wharf.security.internal-secret is set.");
        }
        try {
            return new SecretCipher(MessageDigest.getInstance("SHA-256")
                    .digest((label + ":" + internalSecret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String ownerId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
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
            throw new IllegalStateException("Sealing a secret failed", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key for this owner */
    public String open(String ownerId, String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed secret does not open with this key", e);
        }
    }
}
