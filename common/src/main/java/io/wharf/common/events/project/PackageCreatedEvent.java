package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A release package of a project (seed 001): semver {@code version} unique in the project, its
 * components (image of the project + tag) and coloured labels. A component names its image's
 * {@code name} and {@code registryId} as they were when the package was created, so the package
 * keeps them when the image (or its version) is deleted later; both are null in events written
 * before they existed.
 */
@Revision("1")
public record PackageCreatedEvent(
        String projectId,
        String teamId,
        String packageId,
        String version,
        String baseVersion,
        List<Component> components,
        List<Label> labels,
        String createdBy,
        Instant createdAt) {

    public record Component(String imageId, String version, String name, String registryId) {

        /** A component without the image's name and registry (the shape before they existed). */
        public Component(String imageId, String version) {
            this(imageId, version, null, null);
        }
    }

    public record Label(String id, String text, String color) {
    }
}
