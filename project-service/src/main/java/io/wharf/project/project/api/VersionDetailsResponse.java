package io.wharf.project.project.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET .../versions/{id}} (seed 003) plus the publish fields. {@code deployments} is always
 * empty here: deployments belong to deployment-service.
 */
public record VersionDetailsResponse(String type, AuditResponse audit, String changelog,
                                     @JsonProperty("default") boolean isDefault, boolean increasable, String id,
                                     String name, boolean mutable, boolean deletable, List<ImageResponse> images,
                                     List<Object> deployments, boolean published, Instant publishedAt,
                                     String publishedBy) {
}
