package io.wharf.project.storage.api;

/** A storage of the team as {@link StorageResponse}; null when not the team's. */
public record FindStorageQuery(String teamId, String storageId) {
}
