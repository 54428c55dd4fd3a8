package io.wharf.project.project.api;

/** A package of the team's project ({@link PackageResponse}), null when unknown. */
public record FindPackageQuery(String teamId, String projectId, String packageId) {
}
