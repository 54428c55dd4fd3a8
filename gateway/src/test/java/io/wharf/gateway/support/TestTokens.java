package io.wharf.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Mints tokens the way identity-service does (RS256, iss=wharf), plus the forgeries tests need. */
public final class TestTokens {

    private final List<RSAKey> published = new ArrayList<>();

    public TestTokens() {
        published.add(newKey("key-1"));
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWKS identity would serve: public halves only. */
    public synchronized String jwks() {
        return new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString();
    }

    /** Publishes another key (rotation); returns it. */
    public synchronized RSAKey rotate(String kid) {
        RSAKey key = newKey(kid);
        published.add(key);
        return key;
    }

    /** Stops publishing the key {@code kid} (identity retired or distrusts it). */
    public synchronized void withdraw(String kid) {
        published.removeIf(k -> k.getKeyID().equals(kid));
    }

    public RSAKey currentKey() {
        return published.get(0);
    }

    public static JWTClaimsSet.Builder claims(String typ) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("wharf")
                .subject(UUID.randomUUID().toString())
                .claim("email", "ada@example.com")
                .claim("typ", typ)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    public String session() {
        return sign(currentKey(), claims("session").build());
    }

    public String token(Consumer<JWTClaimsSet.Builder> customise) {
        JWTClaimsSet.Builder builder = claims("session");
        customise.accept(builder);
        return sign(currentKey(), builder.build());
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    public static String hmac(JWTClaimsSet claims, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            jwt.sign(new MACSigner("an-attacker-chosen-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token whose payload was edited afterwards (signature left as it was). */
    public static String tampered(String token, String newSubject) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + newSubject + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
