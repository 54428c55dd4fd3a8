package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freeze an incremental version into an immutable release (seed 000). */
public record PublishVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId) {
}
