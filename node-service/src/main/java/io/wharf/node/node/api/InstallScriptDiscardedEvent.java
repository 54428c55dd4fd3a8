package io.wharf.node.node.api;

import io.wharf.common.events.Internal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The pending install script was discarded (DELETE .../script) or used up. */
@Internal
@Revision("1")
public record InstallScriptDiscardedEvent(
        String nodeId,
        String teamId,
        String discardedBy,
        Instant discardedAt) {
}
