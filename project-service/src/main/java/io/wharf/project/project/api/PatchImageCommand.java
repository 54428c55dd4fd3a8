package io.wharf.project.project.api;

import io.wharf.common.events.project.ContainerConfig;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code PATCH .../images/{id} {tag?, config?}}: {@code config} is a partial config (null = untouched);
 * {@code cleared} names the config fields the request set to an explicit JSON null
 * ({@link ContainerConfig#FIELDS}): they go back to the default config's value.
 */
public record PatchImageCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                String imageId, String tag, ContainerConfig config, List<String> cleared) {

    /** A patch that clears nothing. */
    public PatchImageCommand(String projectId, Caller caller, String versionId, String imageId, String tag,
            ContainerConfig config) {
        this(projectId, caller, versionId, imageId, tag, config, List.of());
    }
}
