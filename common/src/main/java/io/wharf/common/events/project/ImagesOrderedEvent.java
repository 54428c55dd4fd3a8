package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The deployment order of a version's images: {@code imageIds[i]} has order {@code i}. */
@Revision("1")
public record ImagesOrderedEvent(
        String projectId,
        String teamId,
        String versionId,
        List<String> imageIds,
        String orderedBy,
        Instant orderedAt) {
}
