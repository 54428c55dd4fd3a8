package io.wharf.node.node.api;

import java.time.Instant;

/** A node in lists (seed 003 NodeDto); status, address, version and updating are live values. */
public record NodeResponse(String type, String status, String description, String icon, String address,
                           Instant connectedAt, String version, boolean updating, String id, String name) {
}
