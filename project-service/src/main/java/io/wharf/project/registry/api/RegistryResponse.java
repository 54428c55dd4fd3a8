package io.wharf.project.registry.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * A registry's details, seed 003's shape ({@code type, details, id, name, description, icon, inUse,
 * createdAt, updatedAt}); {@code details} holds the fields of the type, credentials as {@code user}
 * and {@code hasToken}, never the token.
 */
@JsonPropertyOrder({"type", "details", "id", "name", "description", "icon", "inUse", "createdAt", "updatedAt"})
public record RegistryResponse(String type, Map<String, Object> details, String id, String name, String description,
                               String icon, boolean inUse, Instant createdAt, Instant updatedAt) {
}
