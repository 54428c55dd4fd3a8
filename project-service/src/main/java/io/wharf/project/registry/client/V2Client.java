package io.wharf.project.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Registry HTTP API V2 / OCI distribution API, as far as Wharf needs it: the ping
 * ({@code GET /v2/}), the catalogue, tags and manifest digests. Authenticated registries are
 * handled the way Docker does: a 401 with {@code WWW-Authenticate: Bearer realm,service,scope} sends
 * us to the realm for a token (with Basic credentials when we have them), then the call is repeated
 * with it; a {@code Basic} challenge is answered with the credentials directly.
 */
public class V2Client {

    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int PAGE = 1000;
    private static final int MAX_PAGES = 20;

    private final RegistryHttp http;
    private final ObjectMapper json = new ObjectMapper();

    public V2Client(RegistryHttp http) {
        this.http = http;
    }

    /**
     * The live check: the registry answers {@code GET /v2/} with 200, after the token dance if needed.
     *
     * @throws RegistryCallException unreachable, refused credentials (401/403) or not a v2 registry
     */
    public void check(String address, Credentials credentials) {
        HttpResponse<String> r = get(RegistryHttp.base(address), "/v2/", null, credentials);
        if (r.statusCode() != 200) {
            throw new RegistryCallException("The registry answered " + r.statusCode() + " to GET /v2/.", r.statusCode());
        }
    }

    /** Repository names of the catalogue containing {@code q} (case-insensitive), sorted. */
    public List<String> repositories(String address, Credentials credentials, String q) {
        URI base = RegistryHttp.base(address);
        List<String> names = new ArrayList<>();
        String path = "/v2/_catalog?n=" + PAGE;
        for (int page = 0; path != null && page < MAX_PAGES; page++) {
            HttpResponse<String> r = ok(get(base, path, "registry:catalog:*", credentials));
            read(r.body()).path("repositories").forEach(n -> names.add(n.asText()));
            path = next(r);
        }
        String needle = q == null ? "" : q.toLowerCase(Locale.ROOT);
        return names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(needle)).sorted().toList();
    }

    public List<String> tags(String address, Credentials credentials, String image) {
        URI base = RegistryHttp.base(address);
        List<String> tags = new ArrayList<>();
        String path = "/v2/" + image + "/tags/list?n=" + PAGE;
        for (int page = 0; path != null && page < MAX_PAGES; page++) {
            HttpResponse<String> r = ok(get(base, path, "repository:" + image + ":pull", credentials));
            read(r.body()).path("tags").forEach(t -> tags.add(t.asText()));
            path = next(r);
        }
        return tags.stream().sorted().toList();
    }

    /** The manifest digest of {@code image:tag} ({@code Docker-Content-Digest} of a HEAD), empty when unknown. */
    public Optional<String> digest(String address, Credentials credentials, String image, String tag) {
        URI base = RegistryHttp.base(address);
        HttpResponse<String> r = call(base, "/v2/" + image + "/manifests/" + tag, "repository:" + image + ":pull",
                credentials, "HEAD");
        if (r.statusCode() >= 500) {
            throw new RegistryCallException("The registry answered " + r.statusCode() + ".", r.statusCode());
        }
        if (r.statusCode() != 200) {
            return Optional.empty();
        }
        return r.headers().firstValue("Docker-Content-Digest").filter(d -> d.startsWith("sha256:"));
    }

    private HttpResponse<String> get(URI base, String path, String scope, Credentials credentials) {
        return call(base, path, scope, credentials, "GET");
    }

    private HttpResponse<String> call(URI base, String path, String scope, Credentials credentials, String method) {
        URI target = URI.create(base + path);
        HttpResponse<String> first = http.send(request(method), target, "details.url");
        if (first.statusCode() != 401) {
            return first;
        }
        String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
        String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic") && credentials.present()) {
            return http.send(request(method).header("Authorization", credentials.basic()), target, "details.url");
        }
        if (!scheme.equals("bearer")) {
            return first;
        }
        Map<String, String> params = params(challenge);
        String realm = params.get("realm");
        if (realm == null) {
            return first;
        }
        StringBuilder tokenUrl = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (params.containsKey("service")) {
            tokenUrl.append("service=").append(enc(params.get("service"))).append('&');
        }
        String wanted = params.getOrDefault("scope", scope);
        if (wanted != null) {
            tokenUrl.append("scope=").append(enc(wanted));
        }
        HttpRequest.Builder tokenRequest = request("GET");
        if (credentials.present()) {
            tokenRequest.header("Authorization", credentials.basic());
        }
        HttpResponse<String> token = http.send(tokenRequest, URI.create(tokenUrl.toString()), "details.url");
        if (token.statusCode() != 200) {
            throw new RegistryCallException("The registry's token service refused: " + token.statusCode() + ".",
                    token.statusCode() == 401 || token.statusCode() == 403 ? 401 : token.statusCode());
        }
        JsonNode body = read(token.body());
        String bearer = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
        if (bearer == null) {
            throw new RegistryCallException("The registry's token service gave no token.", 502);
        }
        return http.send(request(method).header("Authorization", "Bearer " + bearer), target, "details.url");
    }

    private static HttpRequest.Builder request(String method) {
        return HttpRequest.newBuilder().method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_TYPES + ", application/json");
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new RegistryCallException("The registry answered " + r.statusCode() + ".", r.statusCode());
        }
        return r;
    }

    /** The next page of a paginated list ({@code Link: </v2/...>; rel="next"}), relative to the registry. */
    private static String next(HttpResponse<String> r) {
        return r.headers().firstValue("Link").map(link -> {
            Matcher m = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?").matcher(link);
            if (!m.find()) {
                return null;
            }
            String target = m.group(1);
            return target.startsWith("/") ? target : null;
        }).orElse(null);
    }

    static Map<String, String> params(String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        return params;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new RegistryCallException("The registry answered something that is not JSON.", 502);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
