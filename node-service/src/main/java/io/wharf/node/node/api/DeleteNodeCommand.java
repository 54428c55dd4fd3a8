package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param cascade the team was deleted: the node goes whatever uses it */
public record DeleteNodeCommand(@TargetAggregateIdentifier String nodeId, String teamId, String userId, Instant at,
                                boolean cascade) {
}
