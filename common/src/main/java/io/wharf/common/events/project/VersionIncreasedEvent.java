package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An incremental version got its (only) child {@code versionId}: a deep copy of the parent's images
 * and configs ({@code images}: new ids, same registry, name, tag, order and config). The parent is no
 * longer increasable, hence immutable. deployment-service copies the parent's
 * {@code successful|preparing|failed} deployments (one per node+prefix) as {@code preparing}.
 */
@Revision("1")
public record VersionIncreasedEvent(
        String projectId,
        String teamId,
        String versionId,
        String parentVersionId,
        String name,
        String changelog,
        List<CatalogueImage> images,
        String createdBy,
        Instant createdAt) {
}
