package io.wharf.node.node.api;

/**
 * What became of a {@link CheckAgentCommand}: the outcome and, for a refusal, why (recorded in the
 * node audit by {@link RecordAgentRefusalCommand}, coalesced).
 */
public record AgentCheckResult(AgentCheck check, String refusal) {
}
