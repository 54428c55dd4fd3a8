package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A version was created ({@code type} {@code incremental|rolling}). {@code copiedFromVersionId} is
 * the project's default version at that moment (null when there was none): its images were copied
 * with their configs as {@code images} (new ids), and deployment-service copies its deployments as
 * {@code preparing}. {@code isDefault} is true for the first version of a project.
 */
@Revision("1")
public record VersionCreatedEvent(
        String projectId,
        String teamId,
        String versionId,
        String name,
        String type,
        String changelog,
        boolean isDefault,
        String copiedFromVersionId,
        List<CatalogueImage> images,
        String createdBy,
        Instant createdAt) {
}
