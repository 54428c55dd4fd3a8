package io.wharf.project.registry.client;

import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.support.AddressPolicy;
import io.wharf.project.registry.support.RegistryProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The outbound registry clients on one {@link RegistryHttp} (timeouts and the address rule). */
@Component
public class RegistryClients {

    private final V2Client v2;
    private final ApiClient apis;
    private final GoogleAuth google;

    @Autowired
    RegistryClients(RegistryProperties properties, AddressPolicy policy, ObjectProvider<Clock> clock) {
        this(properties, policy, clock.getIfUnique(Clock::systemUTC));
    }

    RegistryClients(RegistryProperties properties, AddressPolicy policy) {
        this(properties, policy, Clock.systemUTC());
    }

    RegistryClients(RegistryProperties properties, AddressPolicy policy, Clock clock) {
        RegistryHttp http = new RegistryHttp(properties.timeout(), policy);
        this.v2 = new V2Client(http);
        this.apis = new ApiClient(http);
        this.google = new GoogleAuth(http, RegistryHttp.api(properties.googleTokenUrl()), properties.googleScope(), clock);
    }

    public V2Client v2() {
        return v2;
    }

    public ApiClient apis() {
        return apis;
    }

    public GoogleAuth google() {
        return google;
    }

    /**
     * The credentials to present to the V2 API of a registry of this type: a {@code google} registry's
     * service-account key becomes {@code oauth2accesstoken:<access token>}; every other type uses its
     * user and token as they are.
     */
    public Credentials forV2(RegistryType type, Credentials stored) {
        return type == RegistryType.GOOGLE ? google.registryCredentials(stored) : stored;
    }
}
