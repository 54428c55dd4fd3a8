package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A versionless project became versioned; its {@code rolling} version stays as it is. */
@Revision("1")
public record ProjectConvertedEvent(
        String projectId,
        String teamId,
        String convertedBy,
        Instant convertedAt) {
}
