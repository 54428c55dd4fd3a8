package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records refused connection attempts on the node (audit {@code refused}). Refusals are coalesced
 * before this command: at most one per node and reason per window, {@code count} saying how many
 * attempts it stands for (this one and those since the previous entry).
 */
public record RecordAgentRefusalCommand(@TargetAggregateIdentifier String nodeId, String reason, String address,
                                        int count, Instant at) {
}
