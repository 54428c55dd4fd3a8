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
 * address rule.
 */
@Component
public class RegistryChecker {

    private final RegistryProperties properties;
    private final AddressPolicy policy;
    private final V2Client v2;
    private final ApiClient apis;

    RegistryChecker(RegistryProperties properties, AddressPolicy policy, RegistryClients clients) {
        this.properties = properties;
        this.policy = policy;
        this.v2 = clients.v2();
        this.apis = clients.apis();
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
        if (!properties.liveCheck()) {
            return;
        }
        Credentials credentials = new Credentials(details.user(), details.token());
        try {
            switch (type) {
                case V2 -> v2.check(details.url(), credentials);
                case HUB -> apis.hubNamespace(RegistryHttp.api(properties.hubApiUrl()), details.imageNamePrefix());
                case GITHUB -> apis.githubNamespace(RegistryHttp.api(properties.githubApiUrl()), details.namespace(),
                        details.imageNamePrefix(), credentials);
                case GITLAB -> apis.gitlabNamespace(RegistryHttp.api(details.apiUrl() != null ? details.apiUrl()
                        : properties.gitlabApiUrl()), details.namespace(), details.imageNamePrefix(), credentials);
                case GOOGLE -> v2.tags(details.url(), credentials, details.imageNamePrefix());
                case UNCHECKED -> {
                }
            }
        } catch (RegistryCallException e) {
            throw refusal(type, e);
        }
    }

    private static ValidationException refusal(RegistryType type, RegistryCallException e) {
        if (e.refused()) {
            return new ValidationException("The registry refused the credentials.", "details.token",
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
