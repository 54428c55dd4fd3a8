package io.wharf.project.project.api;

import java.util.List;

/** A release package (seed 001 shape in Wharf's names). */
public record PackageResponse(String id, String projectId, String version, String baseVersion, boolean archived,
                              List<Component> components, List<Label> labels, AuditResponse audit) {

    public record Component(String imageId, String name, String version) {
    }

    public record Label(String id, String text, String color) {
    }
}
