package io.wharf.project.project.api;

/**
 * The images of a version of the team's project ({@code ImageResponse[]} in order), or of its
 * default version when {@code versionId} is null; empty when there is none.
 */
public record FindVersionImagesQuery(String teamId, String teamSlug, String projectId, String versionId) {
}
