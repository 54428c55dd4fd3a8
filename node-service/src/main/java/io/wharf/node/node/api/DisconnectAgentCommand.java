package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param reason closed, lost (stream broke or lease expired), kicked */
public record DisconnectAgentCommand(@TargetAggregateIdentifier String nodeId, String connectionId, String reason,
                                     Instant at) {
}
