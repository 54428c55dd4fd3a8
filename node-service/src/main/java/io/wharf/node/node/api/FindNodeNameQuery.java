package io.wharf.node.node.api;

/** The node's current name (for the install script), or null. */
public record FindNodeNameQuery(String nodeId) {
}
