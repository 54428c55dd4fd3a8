package io.wharf.node.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Whether any deployment targets the node (fed from deployment events once they exist). */
public record MarkNodeUsageCommand(@TargetAggregateIdentifier String nodeId, boolean inUse) {
}
