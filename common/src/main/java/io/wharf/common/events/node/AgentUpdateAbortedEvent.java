package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent could not update itself (node audit {@code updateAborted}); the node is no longer updating. */
@Revision("1")
public record AgentUpdateAbortedEvent(
        String nodeId,
        String teamId,
        String reason,
        Instant abortedAt) {
}
