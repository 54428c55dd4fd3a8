package io.wharf.project.project.api;

import java.util.List;

/** {@code GET .../projects/{id}} (seed 003). */
public record ProjectDetailsResponse(String type, String description, boolean deletable,
                                     List<VersionResponse> versions, AuditResponse audit, String id, String name) {
}
