package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create {@code newVersionId} as the only child of the incremental version {@code versionId}. */
public record IncreaseVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                     String newVersionId, String name, String changelog) {
}
