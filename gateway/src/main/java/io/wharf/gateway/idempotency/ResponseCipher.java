package io.wharf.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for stored responses. A response may carry a one-time secret (a PAT's {@code token},
 * an install script with its agent token, a deployment token's {@code curl}, a session cookie) and
 * the gateway cannot tell reliably which do, so every stored response is encrypted. The record's id
 * (the hash of its scope) is the associated data: a ciphertext copied under another scope does not
 * decrypt, so a response is replayed only within its own scope, i.e. to the same credential.
 */
final class ResponseCipher {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private ResponseCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("wharf.gateway.idempotency.encryption-key must be 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The configured key, else one derived from the internal secret (HMAC-SHA256 with a fixed label). */
    static ResponseCipher from(String configuredKey, String internalSecret) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return new ResponseCipher(Base64.getDecoder().decode(configuredKey.trim()));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(internalSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new ResponseCipher(mac.doFinal("wharf-gateway-idempotency-v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] encrypt(byte[] plain, String scopeId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(scopeId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] decrypt(byte[] sealed, String scopeId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(scopeId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
