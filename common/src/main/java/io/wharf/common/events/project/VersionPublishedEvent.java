package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An incremental version was frozen into an immutable release (seed 000). {@code images} are its
 * images as released: each tag pinned, with the registry's digest where it could tell it.
 */
@Revision("1")
public record VersionPublishedEvent(
        String projectId,
        String teamId,
        String versionId,
        List<CatalogueImage> images,
        String publishedBy,
        Instant publishedAt) {
}
