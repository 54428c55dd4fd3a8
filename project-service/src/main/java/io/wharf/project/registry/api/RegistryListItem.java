package io.wharf.project.registry.api;

/** An entry of {@code GET /api/{teamSlug}/registries}, seed 003's shape. */
public record RegistryListItem(String type, String id, String name, String description, String icon, String url) {
}
