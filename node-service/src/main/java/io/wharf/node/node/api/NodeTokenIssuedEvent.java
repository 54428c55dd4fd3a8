package io.wharf.node.node.api;

import io.wharf.common.events.Internal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The install token was exchanged for a long-lived node token on the agent's first connect (hash only). */
@Internal
@Revision("1")
public record NodeTokenIssuedEvent(
        String nodeId,
        String teamId,
        String nodeTokenHash,
        Instant issuedAt) {
}
