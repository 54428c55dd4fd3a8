package io.wharf.project.registry.api;

/** A registry of the team as {@link RegistryResponse}; null when it is not the team's (or gone). */
public record FindRegistryQuery(String teamId, String registryId) {
}
