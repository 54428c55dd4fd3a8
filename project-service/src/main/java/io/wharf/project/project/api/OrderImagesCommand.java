package io.wharf.project.project.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The full list of a version's image ids in their new order. */
public record OrderImagesCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                 List<String> imageIds) {
}
