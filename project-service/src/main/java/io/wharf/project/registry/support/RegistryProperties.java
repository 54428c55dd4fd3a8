package io.wharf.project.registry.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wharf.project.registry.*}.
 *
 * @param liveCheck             check a registry live on create and update (a {@code v2} registry answers
 *                              {@code GET /v2/}; hub, GitLab, GitHub and Google through their APIs); a failed check is 400
 * @param allowPrivateAddresses allow registry and API addresses in loopback, private, link-local and
 *                              other non-public ranges (off by default: a server-side request forgery guard,
 *                              DESIGN §6; the embedded default turns it on with {@code wharf.security.allow-private-targets})
 * @param timeout               connect and request timeout of every call to a registry
 * @param hubApiUrl             Docker Hub's API (tests point it at a local server)
 * @param githubApiUrl          GitHub's REST API
 * @param githubRegistryUrl     GitHub's container registry
 * @param gitlabApiUrl          GitLab.com's API (self-managed GitLab registries bring their own {@code apiUrl})
 * @param gitlabRegistryUrl     GitLab.com's container registry
 * @param hubRegistryUrl        Docker Hub's registry (V2 API; its token realm, auth.docker.io, comes from
 *                              its 401 challenge), for the digests of hub images
 * @param googleTokenUrl        Google's OAuth 2.0 token endpoint: service-account keys of {@code google}
 *                              registries are exchanged there for access tokens (JWT bearer grant); also the
 *                              assertion's {@code aud}
 * @param googleScope           the scope those access tokens are asked for. {@code cloud-platform} works for
 *                              Container Registry (gcr.io) and Artifact Registry (*-docker.pkg.dev) alike; what
 *                              the account may do is bounded by its IAM roles (Artifact Registry Reader or
 *                              Storage Object Viewer: read-only). A gcr.io-only installation may narrow it to
 *                              {@code https://www.googleapis.com/auth/devstorage.read_only}, enough for pulls there
 */
@ConfigurationProperties("wharf.project.registry")
public record RegistryProperties(
        @DefaultValue("true") boolean liveCheck,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("https://hub.docker.com") String hubApiUrl,
        @DefaultValue("https://api.github.com") String githubApiUrl,
        @DefaultValue("https://ghcr.io") String githubRegistryUrl,
        @DefaultValue("https://gitlab.com") String gitlabApiUrl,
        @DefaultValue("https://registry.gitlab.com") String gitlabRegistryUrl,
        @DefaultValue("https://registry-1.docker.io") String hubRegistryUrl,
        @DefaultValue("https://oauth2.googleapis.com/token") String googleTokenUrl,
        @DefaultValue("https://www.googleapis.com/auth/cloud-platform") String googleScope) {
}
