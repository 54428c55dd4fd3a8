package io.wharf.project.storage.api;

/** An entry of {@code GET /api/{teamSlug}/storages}, seed 003's shape. */
public record StorageListItem(String description, String icon, String url, String id, String name) {
}
