package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A node (deployment target) was registered in a team (SPEC §4). */
@Revision("1")
public record NodeCreatedEvent(
        String nodeId,
        String teamId,
        String name,
        String description,
        String icon,
        String createdBy,
        Instant createdAt) {
}
