package io.wharf.project.project.api;

import io.wharf.common.events.project.ContainerConfig;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PATCH .../images/{id} {tag?, config?}}: {@code config} is a partial config (null = untouched). */
public record PatchImageCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                String imageId, String tag, ContainerConfig config) {
}
