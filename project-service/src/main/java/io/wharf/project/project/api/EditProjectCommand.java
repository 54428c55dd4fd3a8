package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PUT .../projects/{id}}: name, description, and the changelog of a versionless project. */
public record EditProjectCommand(@TargetAggregateIdentifier String projectId, Caller caller, String name,
                                 String description, String changelog) {
}
