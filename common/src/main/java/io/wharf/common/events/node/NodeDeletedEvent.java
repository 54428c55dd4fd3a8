package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A node was deleted; its agent was kicked before. */
@Revision("1")
public record NodeDeletedEvent(
        String nodeId,
        String teamId,
        String deletedBy,
        Instant deletedAt) {
}
