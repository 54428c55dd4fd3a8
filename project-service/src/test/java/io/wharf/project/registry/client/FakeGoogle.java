package io.wharf.project.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's two halves, as documented, on one local HTTP server:
 * <ul>
 *   <li>the OAuth 2.0 token endpoint {@code POST /token} of the service-account flow: it takes
 *       {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>}, verifies the
 *       JWT's RS256 signature with the public key of {@link #ACCOUNT}'s key (generated per instance), its
 *       header ({@code alg RS256}) and claims ({@code iss} = {@link #ACCOUNT}, {@code aud} = this
 *       endpoint, {@code scope} = {@link #SCOPE}, {@code iat} ≤ now + 60 s, {@code exp} after now and
 *       at most an hour after {@code iat}); anything else is 400 {@code invalid_grant} (401
 *       {@code invalid_client} for an unknown account). It hands out a fresh access token per request,
 *       living {@link #expiresIn} seconds;</li>
 *   <li>a registry like gcr.io: {@code /v2/...} answers 401
 *       {@code Bearer realm="<this>/v2/token",service="gcr.io"}; the realm gives a bearer only for Basic
 *       {@code oauth2accesstoken:<an access token it handed out>} (anonymously only for pulls of
 *       {@code public-project/}); the registry accepts only such bearers. Project {@code acme-project}
 *       holds {@code web:1.0} (digest {@link FakeRegistryApis#DIGEST}).</li>
 * </ul>
 */
public final class FakeGoogle implements AutoCloseable {

    public static final String ACCOUNT = "wharf-puller@acme-project.iam.gserviceaccount.com";
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    public static final String KEY_ID = "0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair account;
    private final KeyPair stranger;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    /** Every token request, answered or refused. */
    public final AtomicInteger tokenRequests = new AtomicInteger();
    /** The decoded JWT headers and claims the token endpoint accepted. */
    public final List<JsonNode> acceptedHeaders = new CopyOnWriteArrayList<>();
    public final List<JsonNode> acceptedClaims = new CopyOnWriteArrayList<>();
    /** The access tokens the registry's realm saw (Basic {@code oauth2accesstoken:<token>}). */
    public final List<String> presentedAccessTokens = new CopyOnWriteArrayList<>();
    /** The lifetime of the next access tokens. */
    public volatile long expiresIn = 3599;

    public FakeGoogle() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        account = rsa.generateKeyPair();
        stranger = rsa.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String tokenUrl() {
        return url() + "/token";
    }

    /** The account's private key as PKCS#8 PEM (what {@code details.token} takes). */
    public String pem() {
        return pem(account);
    }

    /** A well-formed key Google never issued for the account (its signatures do not verify). */
    public String strangerPem() {
        return pem(stranger);
    }

    /** The JSON key file Google hands out for the account. */
    public String jsonKeyFile() {
        Map<String, String> file = new HashMap<>();
        file.put("type", "service_account");
        file.put("project_id", "acme-project");
        file.put("private_key_id", KEY_ID);
        file.put("private_key", pem());
        file.put("client_email", ACCOUNT);
        file.put("client_id", "1234567890");
        file.put("token_uri", tokenUrl());
        try {
            return JSON.writeValueAsString(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            if (path.equals("/token")) {
                oauth(x);
            } else if (path.equals("/v2/token")) {
                realm(x);
            } else if (path.startsWith("/v2/")) {
                registry(x, path);
            } else {
                send(x, 404, "{}");
            }
        }
    }

    private void oauth(HttpExchange x) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"POST".equals(x.getRequestMethod())
                || !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                || !form.containsKey("assertion")) {
            send(x, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String[] jwt = form.get("assertion").split("\\.");
        try {
            if (jwt.length != 3) {
                throw new IllegalArgumentException("not a JWT");
            }
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            if (!ACCOUNT.equals(claims.path("iss").asText())) {
                send(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"The OAuth client was not found.\"}");
                return;
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(account.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            long now = Instant.now().getEpochSecond();
            long iat = claims.path("iat").asLong(-1);
            long exp = claims.path("exp").asLong(-1);
            boolean valid = rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))
                    && "RS256".equals(header.path("alg").asText())
                    && tokenUrl().equals(claims.path("aud").asText())
                    && SCOPE.equals(claims.path("scope").asText())
                    && iat > 0 && iat <= now + 60 && exp > now && exp > iat && exp - iat <= 3600;
            if (!valid) {
                send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
                return;
            }
            acceptedHeaders.add(header);
            acceptedClaims.add(claims);
        } catch (Exception e) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT.\"}");
            return;
        }
        String token = "ya29.fake-" + counter.incrementAndGet();
        issued.add(token);
        send(x, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}");
    }

    private void realm(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String query = URLDecoder.decode(String.valueOf(x.getRequestURI().getQuery()), StandardCharsets.UTF_8);
        String prefix = "Basic ";
        if (auth != null && auth.startsWith(prefix)) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(prefix.length())), StandardCharsets.UTF_8);
            String token = pair.startsWith("oauth2accesstoken:") ? pair.substring("oauth2accesstoken:".length()) : null;
            if (token != null) {
                presentedAccessTokens.add(token);
            }
            if (token == null || !issued.contains(token)) {
                send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            send(x, 200, "{\"token\":\"gcr-bearer-" + token + "\",\"expires_in\":3600}");
            return;
        }
        if (query.contains("service=gcr.io") && query.matches(".*scope=repository:public-project(/[^&:]*)?:pull.*")) {
            send(x, 200, "{\"token\":\"gcr-bearer-anonymous\",\"expires_in\":3600}");
            return;
        }
        send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    }

    private void registry(HttpExchange x, String path) throws IOException {
        String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
        boolean bearer = auth.startsWith("Bearer gcr-bearer-")
                && issued.contains(auth.substring("Bearer gcr-bearer-".length()));
        boolean publicPull = auth.equals("Bearer gcr-bearer-anonymous") && path.startsWith("/v2/public-project/");
        if (!bearer && !publicPull) {
            x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/v2/token\",service=\"gcr.io\"");
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        if (path.equals("/v2/acme-project/web/manifests/1.0") || path.equals("/v2/public-project/web/manifests/1.0")) {
            x.getResponseHeaders().add("Docker-Content-Digest", FakeRegistryApis.DIGEST);
            x.sendResponseHeaders(200, -1);
            return;
        }
        Map<String, String> bodies = Map.of(
                "/v2/acme-project/tags/list", "{\"child\":[\"web\"],\"manifest\":{},\"name\":\"acme-project\",\"tags\":[]}",
                "/v2/public-project/tags/list", "{\"child\":[\"web\"],\"manifest\":{},\"name\":\"public-project\",\"tags\":[]}",
                "/v2/acme-project/web/tags/list", "{\"name\":\"acme-project/web\",\"tags\":[\"1.0\"]}");
        String body = bodies.get(path);
        send(x, body == null ? 404 : 200, body == null ? "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}" : body);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        if (x.getRequestMethod().equals("HEAD")) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }
}
