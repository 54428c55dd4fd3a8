package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a version with its images. */
public record DeleteVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId) {
}
