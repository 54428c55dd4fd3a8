package io.wharf.node.node.api;

import io.wharf.common.events.Internal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An agent presented a wrong, expired, used or revoked token for this node, or was refused for its
 * Hello (node audit {@code refused}); {@code count} attempts of the same reason (coalesced; 0 in
 * events written before counting: one).
 */
@Internal
@Revision("1")
public record AgentConnectionRefusedEvent(
        String nodeId,
        String teamId,
        String reason,
        String address,
        Instant refusedAt,
        int count) {
}
