package io.wharf.project.registry.client;

import io.wharf.common.error.ValidationException;
import io.wharf.project.registry.api.RegistryDetails;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.support.AddressPolicy;
import io.wharf.project.registry.support.RegistryProperties;
import org.springframework.stereotype.Component;

/**
 * Create and update of a registry check it first (SPEC §3, on unless
 * {@code wharf.project.registry.live-check=false}): the addresses against the {@link AddressPolicy}
 * always, then the registry itself live. Failures are 400 with the field to fix: {@code details.url}
 * (unreachable, not a registry), {@code details.token} (credentials refused),
 * {@code details.imageNamePrefix} (unknown namespace). {@code unchecked} registries only get the
 * address rule. A {@code google} registry's service-account key must be one (400 {@code details.token}),
 * live check or not.
 */
@Component
public class RegistryChecker {

    private final RegistryProperties properties;
    private final AddressPolicy policy;
    private final V2Client v2;
    private final ApiClient apis;
    private final RegistryClients clients;

    RegistryChecker(RegistryProperties properties, AddressPolicy policy, RegistryClients clients) {
        this.properties = properties;
        this.policy = policy;
        this.v2 = clients.v2();
        this.apis = clients.apis();
        this.clients = clients;
    }

    /** @param details plain user and token (opened for the check only) */
    public void check(RegistryType type, RegistryDetails details) {
        if (details.url() != null && type != RegistryType.HUB && type != RegistryType.GITHUB
                && !(type == RegistryType.GITLAB && details.apiUrl() == null)) {
            policy.check(RegistryHttp.base(details.url()), "details.url");
        }
        if (details.apiUrl() != null) {
            policy.check(RegistryHttp.api(details.apiUrl()), "details.apiUrl");
        }
        Credentials credentials = new Credentials(details.user(), details.token());
        if (type == RegistryType.GOOGLE && credentials.present()) {
            GoogleKey.parse(details.user(), details.token()); // a malformed key is 400 even without the live check
        }
        if (!properties.liveCheck()) {
            return;
        }
        try {
            switch (type) {
                case V2 -> v2.check(details.url(), credentials);
                case HUB -> apis.hubNamespace(RegistryHttp.api(properties.hubApiUrl()), details.imageNamePrefix());
                case GITHUB -> apis.githubNamespace(RegistryHttp.api(properties.githubApiUrl()), details.namespace(),
                        details.imageNamePrefix(), credentials);
                case GITLAB -> apis.gitlabNamespace(RegistryHttp.api(details.apiUrl() != null ? details.apiUrl()
                        : properties.gitlabApiUrl()), details.namespace(), details.imageNamePrefix(), credentials);
                // the service-account key is exchanged for an access token first (a refused key: 401)
                case GOOGLE -> v2.tags(details.url(), clients.forV2(type, credentials), details.imageNamePrefix());
                case UNCHECKED -> {
                }
            }
        } catch (RegistryCallException e) {
            throw refusal(type, e);
        }
    }

    private static ValidationException refusal(RegistryType type, RegistryCallException e) {
        if (e.refused()) {
            return type == RegistryType.GOOGLE
                    ? new ValidationException("Google refused the service account or its key.", "details.token",
                            "Check the service account (user), that the key is one of its active keys, and its "
                                    + "roles on the registry.")
                    : new ValidationException("The registry refused the credentials.", "details.token",
                            "Check the user and token.");
        }
        if (e.status() == 404 && type != RegistryType.V2) {
            return new ValidationException("The registry does not know this namespace.", "details.imageNamePrefix", null);
        }
        String field = type == RegistryType.GITLAB ? "details.apiUrl"
                : type == RegistryType.HUB || type == RegistryType.GITHUB ? "details.imageNamePrefix" : "details.url";
        return new ValidationException(e.unreachable() ? "The registry is not reachable." : e.getMessage(), field,
                "Check the address, or switch the live check off (wharf.project.registry.live-check).");
    }

}
