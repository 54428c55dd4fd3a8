package io.wharf.project.registry.client;

import io.wharf.project.registry.support.AddressPolicy;
import io.wharf.project.registry.support.RegistryProperties;
import org.springframework.stereotype.Component;

/** The outbound registry clients on one {@link RegistryHttp} (timeouts and the address rule). */
@Component
public class RegistryClients {

    private final V2Client v2;
    private final ApiClient apis;

    RegistryClients(RegistryProperties properties, AddressPolicy policy) {
        RegistryHttp http = new RegistryHttp(properties.timeout(), policy);
        this.v2 = new V2Client(http);
        this.apis = new ApiClient(http);
    }

    public V2Client v2() {
        return v2;
    }

    public ApiClient apis() {
        return apis;
    }
}
