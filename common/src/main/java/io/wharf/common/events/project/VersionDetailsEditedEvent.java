package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A version's name and changelog as edited (also the changelog of a versionless project). */
@Revision("1")
public record VersionDetailsEditedEvent(
        String projectId,
        String teamId,
        String versionId,
        String name,
        String changelog,
        String editedBy,
        Instant editedAt) {
}
