package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateNodeCommand(@TargetAggregateIdentifier String nodeId, String teamId, String name,
                                String description, String icon, String userId, Instant at) {
}
