package io.wharf.project.project.api;

import java.util.List;

/** A release package (seed 001 shape in Wharf's names). */
public record PackageResponse(String id, String projectId, String version, String baseVersion, boolean archived,
                              List<Component> components, List<Label> labels, AuditResponse audit) {

    /**
     * A component: Wharf's {@code imageId}, {@code name}, {@code registryId} and {@code version} (the
     * tag), and seed 001's {@code componentId} (= imageId), {@code dockerImage} ({@code name:version})
     * and {@code deleted} (the image is gone; name and registry are kept from the package's creation).
     */
    public record Component(String imageId, String componentId, String name, String registryId, String version,
                            String dockerImage, boolean deleted) {
    }

    public record Label(String id, String text, String color) {
    }
}
