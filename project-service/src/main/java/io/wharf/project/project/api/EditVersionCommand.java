package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PUT .../versions/{id}}: name and changelog. */
public record EditVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                 String name, String changelog) {
}
