package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turn a versionless project into a versioned one. */
public record ConvertProjectCommand(@TargetAggregateIdentifier String projectId, Caller caller) {
}
