package io.wharf.node.node.api;

/** What became of a {@link CheckAgentCommand}. */
public enum AgentCheck {
    /** The token is valid for the node and nothing else refuses the agent. */
    ACCEPTED,
    /** The token is not (or no longer) valid for the node. */
    BAD_TOKEN,
    /** The token is valid, but the agent is refused for the command's {@code refusal}. */
    REFUSED
}
