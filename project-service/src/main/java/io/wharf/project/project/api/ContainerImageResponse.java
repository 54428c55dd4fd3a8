package io.wharf.project.project.api;

import java.util.List;

/**
 * {@code GET /api/{teamSlug}/container-images} (seed 002): one distinct registry + image name used
 * by the team's versions. {@code id} is stable (derived from team, registry and name). The
 * {@code deployments} linked to it come from deployment-service (later); empty here.
 */
public record ContainerImageResponse(String id, String name, ImageResponse.RegistryRef registry, List<String> tags,
                                     int versions, List<Object> deployments) {
}
