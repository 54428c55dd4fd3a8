package io.wharf.project.project.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A version in lists and create/increase bodies (seed 003), plus seed 000's {@code published},
 * {@code publishedAt}, {@code publishedBy}.
 */
public record VersionResponse(String type, AuditResponse audit, String changelog,
                              @JsonProperty("default") boolean isDefault, boolean increasable, String id, String name,
                              boolean published, Instant publishedAt, String publishedBy) {
}
