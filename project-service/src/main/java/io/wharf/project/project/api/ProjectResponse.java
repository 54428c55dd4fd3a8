package io.wharf.project.project.api;

/** A project in {@code GET .../projects} and the body of {@code POST .../projects} (seed 003). */
public record ProjectResponse(String type, String description, long versionCount, AuditResponse audit, String id,
                              String name) {
}
