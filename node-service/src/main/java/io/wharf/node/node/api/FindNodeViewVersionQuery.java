package io.wharf.node.node.api;

/** The last event sequence of the node the node view applied (-1: none), for read-your-writes. */
public record FindNodeViewVersionQuery(String nodeId) {
}
