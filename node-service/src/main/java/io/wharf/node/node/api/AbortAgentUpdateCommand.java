package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent answered that it cannot update (dyrector's AbortUpdate): the node is no longer updating. */
public record AbortAgentUpdateCommand(@TargetAggregateIdentifier String nodeId, String reason, Instant at) {
}
