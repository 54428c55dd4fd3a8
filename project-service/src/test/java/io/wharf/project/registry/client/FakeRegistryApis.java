package io.wharf.project.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that speaks, as documented, the parts of the registry APIs Wharf uses:
 * <ul>
 *   <li>an authenticated Docker Registry V2 with the token dance: {@code /v2/...} answers 401 with
 *       {@code WWW-Authenticate: Bearer realm="<this>/token",service="fake-registry"} unless it gets
 *       {@code Bearer} {@link #BEARER}; {@code /token} gives that token for Basic {@code ci:}{@link #TOKEN}
 *       and, as auth.docker.io does, anonymously for pulls of {@code library/} repositories
 *       (catalogue {@code team/app, team/web, other/db}; tags of {@code team/app}: {@code 1.0, 1.1};
 *       the manifests of {@link #MANIFESTS}, digest {@link #DIGEST});</li>
 *   <li>Docker Hub: {@code /v2/repositories/{library|acme}/?page_size=1} 200, other namespaces 404;</li>
 *   <li>GitHub: {@code /orgs/acme/packages?package_type=container}, {@code /users/ada/packages?...}
 *       with {@code Authorization: Bearer }{@link #TOKEN};</li>
 *   <li>GitLab: {@code /api/v4/groups/acme%2Fshop} and {@code /api/v4/projects/acme%2Fshop} with
 *       {@code PRIVATE-TOKEN: }{@link #TOKEN}.</li>
 * </ul>
 * It records the Authorization headers it saw (the tests check the dance happened).
 */
public final class FakeRegistryApis implements AutoCloseable {

    public static final String TOKEN = "good-token";
    public static final String BEARER = "bearer-from-realm";
    public static final String DIGEST = "sha256:" + "ab".repeat(32);

    /**
     * Manifests that exist (digest {@link #DIGEST}): {@code team/app:1.0} (v2), {@code library/nginx:1.25}
     * (hub's library, anonymous pull), {@code acme/app:1.0} (GitHub org acme), {@code acme/shop/app:1.0}
     * (GitLab project acme/shop), {@code team/app/web:1.0} (Google project team/app).
     */
    static final List<String> MANIFESTS = List.of("/v2/team/app/manifests/1.0", "/v2/library/nginx/manifests/1.25",
            "/v2/acme/app/manifests/1.0", "/v2/acme/shop/app/manifests/1.0", "/v2/team/app/web/manifests/1.0");

    private final HttpServer server;
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The queries of the token requests answered without credentials (the anonymous hub dance). */
    public final List<String> anonymousTokens = new CopyOnWriteArrayList<>();

    public FakeRegistryApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            if (path.equals("/token")) {
                token(x, auth);
            } else if (path.startsWith("/v2/repositories/")) {
                String ns = path.substring("/v2/repositories/".length()).replace("/", "");
                send(x, List.of("library", "acme").contains(ns) ? 200 : 404, "{\"count\":0,\"results\":[]}");
            } else if (path.startsWith("/v2/")) {
                registry(x, path, auth);
            } else if (path.startsWith("/orgs/") || path.startsWith("/users/")) {
                String who = path.split("/")[2];
                boolean known = path.startsWith("/orgs/") ? who.equals("acme") : who.equals("ada");
                send(x, !("Bearer " + TOKEN).equals(auth) ? 401 : known ? 200 : 404, "[]");
            } else if (path.startsWith("/api/v4/groups/") || path.startsWith("/api/v4/projects/")) {
                String id = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
                String token = x.getRequestHeaders().getFirst("PRIVATE-TOKEN");
                send(x, !TOKEN.equals(token) ? 401 : id.equals("acme/shop") ? 200 : 404, "{\"id\":1}");
            } else {
                send(x, 404, "{}");
            }
        }
    }

    private void token(HttpExchange x, String auth) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("ci:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String query = x.getRequestURI().getQuery();
        // like auth.docker.io: public (library/) repositories get a pull token without credentials
        boolean anonymousPull = auth == null && query != null
                && URLDecoder.decode(query, StandardCharsets.UTF_8).matches(".*scope=repository:library/[^&]*:pull.*");
        if (anonymousPull) {
            anonymousTokens.add(query);
        }
        if (!(expected.equals(auth) || anonymousPull) || query == null || !query.contains("service=fake-registry")) {
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        send(x, 200, "{\"token\":\"" + BEARER + "\",\"expires_in\":300}");
    }

    private void registry(HttpExchange x, String path, String auth) throws IOException {
        if (!("Bearer " + BEARER).equals(auth)) {
            x.getResponseHeaders().add("WWW-Authenticate",
                    "Bearer realm=\"" + url() + "/token\",service=\"fake-registry\"");
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            return;
        }
        Map<String, String> bodies = Map.of(
                "/v2/", "{}",
                "/v2/_catalog", "{\"repositories\":[\"team/app\",\"team/web\",\"other/db\"]}",
                "/v2/team/app/tags/list", "{\"name\":\"team/app\",\"tags\":[\"1.1\",\"1.0\"]}");
        if (MANIFESTS.contains(path)) {
            String accept = x.getRequestHeaders().getFirst("Accept");
            if (accept != null && accept.contains("application/vnd.oci.image.index.v1+json")) {
                x.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
            }
            x.sendResponseHeaders(200, -1);
            return;
        }
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
