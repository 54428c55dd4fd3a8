package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An image's tag and/or config were patched. {@code patch} is what the request set (null fields
 * untouched); {@code cleared} names the fields the request cleared with an explicit JSON null
 * ({@link ContainerConfig#FIELDS}; they went back to the default config's value; null in events
 * written before clearing existed = none). {@code tag} and {@code config} are the image's complete
 * tag and config afterwards (cleared fields included), so a consumer never has to merge itself.
 */
@Revision("1")
public record ImageConfigPatchedEvent(
        String projectId,
        String teamId,
        String versionId,
        String imageId,
        String tag,
        ContainerConfig patch,
        ContainerConfig config,
        String patchedBy,
        Instant patchedAt,
        List<String> cleared) {

    /** A patch that clears nothing (the shape before {@code cleared} existed). */
    public ImageConfigPatchedEvent(String projectId, String teamId, String versionId, String imageId, String tag,
            ContainerConfig patch, ContainerConfig config, String patchedBy, Instant patchedAt) {
        this(projectId, teamId, versionId, imageId, tag, patch, config, patchedBy, patchedAt, null);
    }
}
