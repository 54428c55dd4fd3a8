package io.wharf.node.node.api;

import java.time.Instant;

/** One node (seed 003 NodeDetailsDto): the list fields plus hasToken, the pending install and inUse. */
public record NodeDetailsResponse(String type, String status, String description, String icon, String address,
                                  Instant connectedAt, String version, boolean updating, String id, String name,
                                  boolean hasToken, InstallResponse install, boolean inUse) {
}
