package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An image was removed from its version (deployments drop its instances). */
@Revision("1")
public record ImageDeletedEvent(
        String projectId,
        String teamId,
        String versionId,
        String imageId,
        String deletedBy,
        Instant deletedAt) {
}
