package io.wharf.node.node.api;

import io.wharf.common.events.Internal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An install script with a fresh one-time token was generated. Only the token's hash is kept; never published. */
@Internal
@Revision("1")
public record InstallScriptGeneratedEvent(
        String nodeId,
        String teamId,
        NodeType type,
        String installTokenHash,
        Instant expireAt,
        String generatedBy,
        Instant generatedAt) {
}
