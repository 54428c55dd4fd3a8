package io.wharf.node.node.api;

/** The node as the list shows it ({@link NodeResponse}), or null when it is not a live node of the team. */
public record FindNodeQuery(String teamId, String nodeId) {
}
