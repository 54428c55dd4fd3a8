package io.wharf.project.project.api;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add images {@code name[:tag]} of the team's registries to a version; answers the new image ids in order. */
public record AddImagesCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                               List<RegistryImages> registries) {

    public record RegistryImages(UUID registryId, List<String> images) {
    }
}
