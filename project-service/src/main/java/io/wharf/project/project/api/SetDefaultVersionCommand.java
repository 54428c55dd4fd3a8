package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code PUT .../versions/{id}/default}. */
public record SetDefaultVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId) {
}
