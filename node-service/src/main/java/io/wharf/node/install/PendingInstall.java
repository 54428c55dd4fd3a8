package io.wharf.node.install;

import java.time.Instant;

/**
 * A generated install script while its one-time token is valid.
 *
 * @param command the install command; it carries the script URL's key, so it is sealed at rest like the script
 * @param keyHash SHA-256 (hex) of the key the public {@code GET .../script?key=} must present
 */
public record PendingInstall(String nodeId, String teamId, String type, String scriptType, String command,
                             String script, Instant expireAt, String keyHash) {
}
