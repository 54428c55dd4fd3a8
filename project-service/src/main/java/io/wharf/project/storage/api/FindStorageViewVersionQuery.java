package io.wharf.project.storage.api;

/** The last event sequence number the storage view applied ({@code Long}, -1 for none). */
public record FindStorageViewVersionQuery(String storageId) {
}
