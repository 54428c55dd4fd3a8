package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A package was archived ({@code archived} true: DELETE or PATCH) or restored (PATCH false). */
@Revision("1")
public record PackageArchivedEvent(
        String projectId,
        String teamId,
        String packageId,
        boolean archived,
        String changedBy,
        Instant changedAt) {
}
