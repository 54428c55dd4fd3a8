package io.wharf.agent.docker;

import java.util.List;

/**
 * A container as Wharf reports it.
 *
 * @param state running, waiting (created, restarting, paused) or exited (exited, dead, removing)
 * @param reason the engine's own state word
 */
public record ContainerInfo(String prefix, String name, String command, long createdAtEpochSeconds, String state,
                            String reason, String status, String imageName, String imageTag,
                            List<ContainerSpec.Port> ports) {
}
