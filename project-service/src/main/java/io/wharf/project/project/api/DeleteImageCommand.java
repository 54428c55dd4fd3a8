package io.wharf.project.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove an image from its version. */
public record DeleteImageCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                 String imageId) {
}
