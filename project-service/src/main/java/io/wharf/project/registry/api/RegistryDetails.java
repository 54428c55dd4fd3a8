package io.wharf.project.registry.api;

/**
 * The type-specific part of a registry as commands carry it (SPEC §3), {@code token} already sealed
 * ({@code SecretCipher}): the plain token never travels in a message.
 */
public record RegistryDetails(String url, String imageNamePrefix, String namespace, String apiUrl, String user,
                              String token) {

    public RegistryDetails withToken(String newToken) {
        return new RegistryDetails(url, imageNamePrefix, namespace, apiUrl, user, newToken);
    }

    @Override
    public String toString() {
        return "RegistryDetails[url=" + url + ", imageNamePrefix=" + imageNamePrefix + ", namespace=" + namespace
                + ", apiUrl=" + apiUrl + ", user=" + user + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
