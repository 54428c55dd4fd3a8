package io.wharf.project.project.api;

/** A version of the team's project as in the version list ({@link VersionResponse}), null when unknown. */
public record FindVersionQuery(String teamId, String projectId, String versionId) {
}
