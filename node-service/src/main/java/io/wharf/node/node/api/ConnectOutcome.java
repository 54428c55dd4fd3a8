package io.wharf.node.node.api;

/** What became of a {@link ConnectAgentCommand}. */
public enum ConnectOutcome {
    /** Connected with the node token. */
    CONNECTED,
    /** Connected, and the install token was exchanged for the new node token. */
    TOKEN_EXCHANGED,
    /** Refused: the token is not (or no longer) valid for this node. */
    REFUSED
}
