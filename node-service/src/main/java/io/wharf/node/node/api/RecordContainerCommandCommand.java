package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A container operation the agent carried out or refused, for the node audit.
 *
 * @param operation startContainer | stopContainer | restartContainer | deleteContainer | deleteContainers
 * @param outcome   ok, or the agent's error / timeout
 */
public record RecordContainerCommandCommand(@TargetAggregateIdentifier String nodeId, String teamId, String prefix,
                                            String name, String operation, String outcome, String userId,
                                            Instant at) {
}
