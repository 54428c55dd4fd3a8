package io.wharf.common.events.node;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A container operation on the node and what the agent answered (node audit {@code containerCommand}). {@code operation}: startContainer, stopContainer, restartContainer, deleteContainer, deleteContainers. */
@Revision("1")
public record ContainerCommandRecordedEvent(
        String nodeId,
        String teamId,
        String prefix,
        String name,
        String operation,
        String outcome,
        String userId,
        Instant recordedAt) {
}
