package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Carries only the hash of the fresh one-time install token; the token itself is never in an event. */
public record GenerateInstallScriptCommand(@TargetAggregateIdentifier String nodeId, String teamId, NodeType type,
                                           String installTokenHash, Instant expireAt, String userId, Instant at) {
}
