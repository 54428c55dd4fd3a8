package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A release package of a project (seed 001): semver {@code version} unique in the project, its
 * components (image of the project + tag) and coloured labels.
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

    public record Component(String imageId, String version) {
    }

    public record Label(String id, String text, String color) {
    }
}
