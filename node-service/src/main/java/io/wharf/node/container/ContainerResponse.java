package io.wharf.node.container;

import java.time.Instant;
import java.util.List;

/** A container on a node (seed 003 ContainerDto). */
record ContainerResponse(String state, Id id, String command, Instant createdAt, String reason, String imageName,
                         String imageTag, List<Port> ports) {

    record Id(String prefix, String name) {
    }

    record Port(int internal, int external) {
    }
}
