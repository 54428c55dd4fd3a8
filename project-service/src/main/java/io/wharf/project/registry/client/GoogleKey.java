package io.wharf.project.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.error.ValidationException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google service account's key as a {@code google} registry takes it in {@code details.token}: the
 * PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}, the service account being
 * {@code details.user}), or the whole JSON key file Google hands out ({@code private_key},
 * {@code client_email}, {@code private_key_id}; its {@code client_email} is the account when no user
 * is given, or the user is {@code _json_key}, GCR's user name for a JSON key). Every problem is a 400 on {@code details.token} that never quotes the key.
 */
public final class GoogleKey {

    static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    static final String PEM_END = "-----END PRIVATE KEY-----";
    static final String JSON_KEY_USER = "_json_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientEmail;
    private final String keyId;
    private final PrivateKey privateKey;

    private GoogleKey(String clientEmail, String keyId, PrivateKey privateKey) {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /**
     * @param user  the service account's e-mail, or null/blank to take {@code client_email} of a JSON key
     * @param token the PEM private key or the JSON key file (plain, opened for the call)
     * @throws ValidationException {@code details.token} when the key is not one, {@code details.user}
     *                             when no account is named anywhere
     */
    public static GoogleKey parse(String user, String token) {
        if (token == null || token.isBlank()) {
            throw malformed();
        }
        String trimmed = token.trim();
        String pem = trimmed;
        // "_json_key" is the user name of GCR's docker login with a JSON key: the account is in the file
        String email = user == null || user.isBlank() || user.trim().equals(JSON_KEY_USER) ? null : user.trim();
        String keyId = null;
        if (trimmed.startsWith("{")) {
            JsonNode file;
            try {
                file = JSON.readTree(trimmed);
            } catch (Exception e) {
                throw malformed();
            }
            if (!file.path("private_key").isTextual()) {
                throw malformed();
            }
            pem = file.get("private_key").asText();
            keyId = file.path("private_key_id").isTextual() ? file.get("private_key_id").asText() : null;
            if (email == null && file.path("client_email").isTextual() && !file.get("client_email").asText().isBlank()) {
                email = file.get("client_email").asText().trim();
            }
        }
        PrivateKey key = rsa(pem);
        if (email == null) {
            throw new ValidationException("A private key needs the service account (user), or the JSON key file "
                    + "with its client_email.", "details.user", null);
        }
        return new GoogleKey(email, keyId, key);
    }

    /** The service account (JWT {@code iss}). */
    public String clientEmail() {
        return clientEmail;
    }

    /** The key's id from a JSON key file (JWT header {@code kid}), or null. */
    String keyId() {
        return keyId;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    private static PrivateKey rsa(String pem) {
        String p = pem.trim();
        if (!p.startsWith(PEM_BEGIN) || !p.endsWith(PEM_END)) {
            throw malformed();
        }
        String body = p.substring(PEM_BEGIN.length(), p.length() - PEM_END.length()).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw malformed();
        }
    }

    private static ValidationException malformed() {
        return new ValidationException("Not a service-account key.", "details.token",
                "Paste the PKCS#8 private key (-----BEGIN PRIVATE KEY-----) or the whole JSON key file of the "
                        + "service account.");
    }

    @Override
    public String toString() {
        return "GoogleKey[clientEmail=" + clientEmail + ", key=***]";
    }
}
