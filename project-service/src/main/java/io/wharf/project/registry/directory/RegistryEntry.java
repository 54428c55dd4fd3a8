package io.wharf.project.registry.directory;

import io.wharf.project.registry.api.RegistryType;

/** A registry as the write side keeps it, {@code token} sealed. */
public record RegistryEntry(String id, String teamId, String name, RegistryType type, String url,
                            String imageNamePrefix, String namespace, String apiUrl, String user, String token) {
}
