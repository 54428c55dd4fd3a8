package io.wharf.common.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.common.metadata.ActorType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway-signed statement "this request was authenticated as {@link WharfPrincipal}", sent to
 * services in the {@link #HEADER} header (DESIGN §6). It is a compact HS256 JWS over a secret shared
 * by the gateway and the services only ({@code wharf.security.internal-secret}); it lives for a few
 * seconds, so a captured header is useless soon after. Services trust nothing else: the gateway
 * strips every inbound {@code X-Wharf-*} header before it adds this one.
 */
public final class InternalAssertion {

    public static final String HEADER = "X-Wharf-Principal";
    /** Prefix of every internal header; the gateway removes inbound headers with it. */
    public static final String INTERNAL_HEADER_PREFIX = "X-Wharf-";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String JOSE_HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"wharf-principal\"}".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final long lifetimeSeconds;
    private final Clock clock;

    public InternalAssertion(String secret, long lifetimeSeconds, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("wharf.security.internal-secret must be at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
    }

    public String sign(WharfPrincipal principal, String requestId) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        putIfPresent(claims, "sub", principal.userId());
        putIfPresent(claims, "email", principal.email());
        putIfPresent(claims, "cred", principal.credential());
        putIfPresent(claims, "jti", principal.tokenId());
        putIfPresent(claims, "tname", principal.tokenName());
        claims.put("atype", principal.actorType().wire());
        putIfPresent(claims, "rid", requestId);
        claims.put("iat", now);
        claims.put("exp", now + lifetimeSeconds);
        try {
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            String signingInput = JOSE_HEADER + "." + payload;
            return signingInput + "." + B64.encodeToString(mac(signingInput));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode principal", e);
        }
    }

    /** The principal, or empty when the value is missing, forged, malformed or expired. */
    public Optional<WharfPrincipal> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !JOSE_HEADER.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<?, ?> claims = JSON.readValue(B64D.decode(parts[1]), Map.class);
            if (!(claims.get("exp") instanceof Number exp) || exp.longValue() < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new WharfPrincipal(
                    (String) claims.get("sub"),
                    (String) claims.get("email"),
                    (String) claims.get("cred"),
                    (String) claims.get("jti"),
                    (String) claims.get("tname"),
                    ActorType.fromWire((String) claims.get("atype"))));
        } catch (RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void putIfPresent(Map<String, Object> claims, String key, Object value) {
        if (value != null) {
            claims.put(key, value);
        }
    }
}
