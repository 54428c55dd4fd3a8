package io.wharf.node.install;

import java.time.Instant;

/** A generated install script while its one-time token is valid. */
public record PendingInstall(String nodeId, String teamId, String type, String scriptType, String command,
                             String script, Instant expireAt) {
}
