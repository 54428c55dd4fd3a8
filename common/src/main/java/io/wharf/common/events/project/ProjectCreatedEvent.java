package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A project was created ({@code type} {@code versionless|versioned}). A versionless project's hidden
 * {@code rolling} version follows as a {@link VersionCreatedEvent} of the same command.
 */
@Revision("1")
public record ProjectCreatedEvent(
        String projectId,
        String teamId,
        String name,
        String description,
        String type,
        String createdBy,
        Instant createdAt) {
}
