package io.wharf.node.node.api;

import java.time.Instant;

/** A pending install (seed 003 NodeInstallDto). */
public record InstallResponse(String command, String script, Instant expireAt) {
}
