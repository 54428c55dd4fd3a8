package io.wharf.project.project.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wharf.common.events.project.ContainerConfig;
import java.time.Instant;

/** An image of a version (seed 003); {@code digest} only once published and known. */
public record ImageResponse(String id, String name, String tag, int order, ContainerConfig config, Instant createdAt,
                            RegistryRef registry, @JsonInclude(JsonInclude.Include.NON_NULL) String digest) {

    /** The image's registry as seed 003 shows it (name and type null if the registry is gone). */
    public record RegistryRef(String type, String id, String name) {
    }
}
