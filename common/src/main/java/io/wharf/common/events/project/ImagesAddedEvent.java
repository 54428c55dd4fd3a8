package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Images were added to a version, each with its default config and its order after the last. */
@Revision("1")
public record ImagesAddedEvent(
        String projectId,
        String teamId,
        String versionId,
        List<CatalogueImage> images,
        String addedBy,
        Instant addedAt) {
}
