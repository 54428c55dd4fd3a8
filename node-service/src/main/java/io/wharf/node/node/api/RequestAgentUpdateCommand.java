package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param connected whether a replica holds a live connection of the node right now (the connection registry) */
public record RequestAgentUpdateCommand(@TargetAggregateIdentifier String nodeId, String teamId, String tag,
                                        boolean connected, String userId, Instant at) {
}
