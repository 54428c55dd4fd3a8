package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A node's name, description or icon changed. */
@Revision("1")
public record NodeEditedEvent(
        String nodeId,
        String teamId,
        String name,
        String description,
        String icon,
        String editedBy,
        Instant editedAt) {
}
