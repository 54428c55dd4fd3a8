package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An agent presents a token on connect. The handler answers a {@link ConnectOutcome}; refusals are
 * events too (the node audit shows them), so the command does not throw for a wrong token.
 *
 * @param presentedTokenHash SHA-256 of the presented token (install or node token)
 * @param install            whether the token presented is an install token ({@code wit.})
 * @param newNodeTokenHash   hash of the node token handed out if an install token is exchanged
 * @param replaces           connection id of a stale connection this one takes over, or null
 */
public record ConnectAgentCommand(@TargetAggregateIdentifier String nodeId, String connectionId,
                                  String presentedTokenHash, boolean install, String newNodeTokenHash,
                                  String agentVersion, boolean outdated, String publicKey, String address,
                                  String replicaId, String replaces, Instant at) {
}
