package io.wharf.project.shared;

import java.util.UUID;

/** A registry as other features of project-service see it: no credentials. */
public record RegistrySummary(UUID id, String teamSlug, String name, String type, String url,
                              String imageNamePrefix) {
}
