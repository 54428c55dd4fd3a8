package io.wharf.project.storage.api;

/** An entry of {@code GET /api/{teamSlug}/storages/options}. */
public record StorageOption(String id, String name) {
}
