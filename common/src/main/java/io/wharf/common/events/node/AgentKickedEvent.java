package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The server closed the agent's connection on purpose (node audit {@code kicked}): reason {@code delete-node} or {@code revoke-token}. */
@Revision("1")
public record AgentKickedEvent(
        String nodeId,
        String teamId,
        String reason,
        String userId,
        Instant kickedAt) {
}
