package io.wharf.project.inbound;

import java.time.Instant;

/** What project-service knows about a user, replicated from identity's events. */
record UserDirectoryEntry(String userId, String email, String firstName, String lastName, Instant registeredAt) {
}
