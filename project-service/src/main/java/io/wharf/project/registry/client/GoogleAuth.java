package io.wharf.project.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google's OAuth 2.0 flow for service accounts (developers.google.com/identity/protocols/oauth2/service-account,
 * "Preparing to make an authorized API call"), as dyrector's Google client signs in: a JWT
 * {@code {iss: the service account, scope, aud: the token URL, iat, exp = iat + 1 h}} signed RS256
 * with the account's private key is POSTed as
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>}; the answer's
 * {@code access_token} is then the password of the user {@value #USER} on the registry's V2 API (what
 * Google documents for {@code docker login}), through {@link V2Client}'s usual token dance.
 *
 * <p>Access tokens are cached per key (a SHA-256 of account, key, scope and token URL, so neither the
 * key nor the token is a map key) until {@link #EARLY} before they expire. Nothing here logs the key,
 * the assertion or the access token.
 */
public class GoogleAuth {

    /** The registry user name that carries a Google access token. */
    public static final String USER = "oauth2accesstoken";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Google's assertions live at most an hour. */
    static final Duration LIFETIME = Duration.ofHours(1);
    /** A cached token is renewed this long before Google's {@code expires_in} runs out. */
    static final Duration EARLY = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryHttp http;
    private final URI tokenUrl;
    private final String scope;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public GoogleAuth(RegistryHttp http, URI tokenUrl, String scope, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.scope = scope;
        this.clock = clock;
    }

    private record Cached(String accessToken, Instant renewAt) {
    }

    /**
     * The registry credentials for a service account: {@link Credentials#NONE} without a key
     * (anonymous pulls of public images), else {@value #USER} with a (cached) access token.
     *
     * @throws io.wharf.common.error.ValidationException a malformed key ({@code details.token})
     * @throws RegistryCallException                    the token endpoint refused the assertion (401),
     *                                                  is unreachable (0) or answered nonsense (502)
     */
    public Credentials registryCredentials(Credentials serviceAccount) {
        if (!serviceAccount.present()) {
            return Credentials.NONE;
        }
        GoogleKey key = GoogleKey.parse(serviceAccount.user(), serviceAccount.token());
        String cacheKey = cacheKey(key.clientEmail(), serviceAccount.token());
        Instant now = clock.instant();
        Cached cached = cache.get(cacheKey);
        if (cached == null || !now.isBefore(cached.renewAt())) {
            cached = fetch(key, now);
            cache.values().removeIf(c -> !now.isBefore(c.renewAt()));
            cache.put(cacheKey, cached);
        }
        return new Credentials(USER, cached.accessToken());
    }

    private Cached fetch(GoogleKey key, Instant now) {
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + assertion(key, now);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder()
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json"), tokenUrl, "details.token");
        JsonNode body = read(r.body());
        if (r.statusCode() == 400 || r.statusCode() == 401 || r.statusCode() == 403) {
            // invalid_grant (bad signature, unknown or disabled account, clock skew), invalid_client, ...
            String error = body.path("error").asText("refused");
            throw new RegistryCallException("Google refused the service-account key (" + error + ").", 401);
        }
        if (r.statusCode() != 200 || !body.path("access_token").isTextual()) {
            throw new RegistryCallException("Google's token endpoint answered " + r.statusCode() + ".", 502);
        }
        long expiresIn = body.path("expires_in").asLong(LIFETIME.toSeconds());
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 0));
        // renew a minute early; a token living two minutes or less is used for half its life
        Duration use = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? lifetime.minus(EARLY) : lifetime.dividedBy(2);
        return new Cached(body.get("access_token").asText(), now.plus(use));
    }

    /** The signed JWT: RS256 over {@code base64url(header).base64url(claims)}. */
    String assertion(GoogleKey key, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (key.keyId() != null) {
            header.put("kid", key.keyId());
        }
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", key.clientEmail())
                .put("scope", scope)
                .put("aud", tokenUrl.toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rs256.sign());
        } catch (GeneralSecurityException e) {
            // a key that parsed as RSA always signs; anything else is not the caller's to fix
            throw new IllegalStateException("Could not sign the service-account assertion.", e);
        }
    }

    private String cacheKey(String account, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {account, token, scope, tokenUrl.toString()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
