package io.wharf.project.registry.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The live checks of the hosted registries through their documented APIs (reference §2.4):
 * <ul>
 *   <li>Docker Hub: {@code GET /v2/repositories/{prefix}/?page_size=1} (public, the namespace exists);</li>
 *   <li>GitHub: {@code GET /orgs/{prefix}/packages?package_type=container} or
 *       {@code /users/{prefix}/packages?...} with {@code Authorization: Bearer <token>};</li>
 *   <li>GitLab: {@code GET /api/v4/groups/{prefix}} or {@code /api/v4/projects/{prefix}} (path URL-encoded)
 *       with {@code PRIVATE-TOKEN}.</li>
 * </ul>
 * 401/403 mean refused credentials, 404 an unknown namespace.
 */
public class ApiClient {

    private final RegistryHttp http;

    public ApiClient(RegistryHttp http) {
        this.http = http;
    }

    public void hubNamespace(URI api, String prefix) {
        expectOk(http.send(HttpRequest.newBuilder().GET().header("Accept", "application/json"),
                URI.create(api + "/v2/repositories/" + prefix + "/?page_size=1"), "details.imageNamePrefix"));
    }

    public void githubNamespace(URI api, String namespace, String prefix, Credentials credentials) {
        String kind = "organization".equals(namespace) ? "orgs" : "users";
        expectOk(http.send(HttpRequest.newBuilder().GET().header("Accept", "application/vnd.github+json")
                        .header("Authorization", "Bearer " + credentials.token()),
                URI.create(api + "/" + kind + "/" + prefix + "/packages?package_type=container"),
                "details.imageNamePrefix"));
    }

    public void gitlabNamespace(URI api, String namespace, String prefix, Credentials credentials) {
        String kind = "group".equals(namespace) ? "groups" : "projects";
        expectOk(http.send(HttpRequest.newBuilder().GET().header("Accept", "application/json")
                        .header("PRIVATE-TOKEN", credentials.token()),
                URI.create(api + "/api/v4/" + kind + "/" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)),
                "details.apiUrl"));
    }

    private static void expectOk(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new RegistryCallException("The registry API answered " + r.statusCode() + ".", r.statusCode());
        }
    }
}
