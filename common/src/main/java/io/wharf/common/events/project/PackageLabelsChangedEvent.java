package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A package's labels, replaced as a whole. */
@Revision("1")
public record PackageLabelsChangedEvent(
        String projectId,
        String teamId,
        String packageId,
        List<PackageCreatedEvent.Label> labels,
        String changedBy,
        Instant changedAt) {
}
