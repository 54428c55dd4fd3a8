package io.wharf.project.project.api;

import java.util.List;

/** Images of the team's version by id ({@code ImageResponse[]} in the given order); registries named via the slug. */
public record FindImagesQuery(String teamId, String teamSlug, String versionId, List<String> imageIds) {
}
