package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's connection ended (node audit {@code left}); reason {@code closed}, {@code lost} or {@code kicked}. */
@Revision("1")
public record AgentDisconnectedEvent(
        String nodeId,
        String teamId,
        String connectionId,
        String reason,
        Instant disconnectedAt) {
}
