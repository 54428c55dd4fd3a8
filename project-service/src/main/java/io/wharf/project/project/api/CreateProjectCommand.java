package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a project; a versionless one gets its hidden {@code rolling} version {@code rollingVersionId}. */
public record CreateProjectCommand(@TargetAggregateIdentifier String projectId, Caller caller, String name,
                                   String description, String type, String changelog, String rollingVersionId) {
}
