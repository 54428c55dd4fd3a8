package io.wharf.project.project.api;

import java.time.Instant;

/** SPEC §1.1's audit object; {@code updatedBy} falls back to {@code createdBy}. */
public record AuditResponse(Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
