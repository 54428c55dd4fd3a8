package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent was asked to update itself (node audit {@code update}); the node shows {@code updating} until {@code deadline} or a new connection. */
@Revision("1")
public record AgentUpdateRequestedEvent(
        String nodeId,
        String teamId,
        String fromVersion,
        String tag,
        String requestedBy,
        Instant requestedAt,
        Instant deadline) {
}
