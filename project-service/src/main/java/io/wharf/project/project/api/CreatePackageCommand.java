package io.wharf.project.project.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A release package of the project (seed 001). */
public record CreatePackageCommand(@TargetAggregateIdentifier String projectId, Caller caller, String packageId,
                                   String version, String baseVersion, List<Component> components,
                                   List<Label> labels) {

    public record Component(String imageId, String version) {
    }

    public record Label(String text, String color) {
    }
}
