package io.wharf.project.storage.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A storage's details, seed 003's shape with the secret key write-only ({@code hasSecretKey}). */
@JsonPropertyOrder({"description", "icon", "url", "id", "name", "accessKey", "hasSecretKey", "inUse"})
public record StorageResponse(String description, String icon, String url, String id, String name, String accessKey,
                              boolean hasSecretKey, boolean inUse) {
}
