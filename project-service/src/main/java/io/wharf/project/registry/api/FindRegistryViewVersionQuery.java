package io.wharf.project.registry.api;

/** The last event sequence number the registry view applied ({@code Long}, -1 for none): read-your-writes. */
public record FindRegistryViewVersionQuery(String registryId) {
}
