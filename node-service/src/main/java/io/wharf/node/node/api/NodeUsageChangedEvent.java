package io.wharf.node.node.api;

import io.wharf.common.events.Internal;

import org.axonframework.serialization.Revision;

/** Whether a deployment targets the node (delete is refused while it does). */
@Internal
@Revision("1")
public record NodeUsageChangedEvent(
        String nodeId,
        boolean inUse) {
}
