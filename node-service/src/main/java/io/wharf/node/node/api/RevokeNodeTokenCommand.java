package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeNodeTokenCommand(@TargetAggregateIdentifier String nodeId, String teamId, String userId, Instant at) {
}
