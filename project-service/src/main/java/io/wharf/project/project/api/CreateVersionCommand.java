package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a version (copying the default version's images); {@code publishImmediately} publishes it at once. */
public record CreateVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                   String name, String type, String changelog, boolean publishImmediately) {
}
