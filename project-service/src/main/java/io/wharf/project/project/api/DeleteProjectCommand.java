package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a project with its versions, images and packages. */
public record DeleteProjectCommand(@TargetAggregateIdentifier String projectId, Caller caller) {
}
