package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The version was deleted with its images ({@code imageIds}). */
@Revision("1")
public record VersionDeletedEvent(
        String projectId,
        String teamId,
        String versionId,
        List<String> imageIds,
        String deletedBy,
        Instant deletedAt) {
}
