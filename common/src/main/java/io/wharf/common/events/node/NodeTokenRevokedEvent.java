package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The node token was revoked: the agent is disconnected and cannot reconnect until a new install. */
@Revision("1")
public record NodeTokenRevokedEvent(
        String nodeId,
        String teamId,
        String revokedBy,
        Instant revokedAt) {
}
