package io.wharf.project.project.api;

/** A project of the team as in the project list ({@link ProjectResponse}), null when unknown. */
public record FindProjectQuery(String teamId, String projectId) {
}
