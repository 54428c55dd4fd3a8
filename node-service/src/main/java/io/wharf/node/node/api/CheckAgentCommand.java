package io.wharf.node.node.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An agent asks to connect: is its token valid for the node, before anything else happens (the
 * connection registry is claimed only after a valid token, so a bad token learns nothing about the
 * node's connection and cannot disturb it). The handler answers an {@link AgentCheckResult} and
 * records nothing: refusals are recorded, coalesced, with {@link RecordAgentRefusalCommand}.
 *
 * @param presentedTokenHash SHA-256 of the presented token (install or node token)
 * @param install            whether the token presented is an install token ({@code wit.})
 * @param refusal            why the connection is refused even with a valid token (unsupported protocol
 *                           version, unusable public key), else null
 */
public record CheckAgentCommand(@TargetAggregateIdentifier String nodeId, String presentedTokenHash, boolean install,
                                String refusal, String address, Instant at) {
}
