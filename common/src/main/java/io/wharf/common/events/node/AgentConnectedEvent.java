package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An agent connected (node audit {@code connected}); {@code publicKey} is what deployment secrets are encrypted for. */
@Revision("1")
public record AgentConnectedEvent(
        String nodeId,
        String teamId,
        String connectionId,
        String agentVersion,
        boolean outdated,
        String publicKey,
        String address,
        String replicaId,
        Instant connectedAt) {
}
