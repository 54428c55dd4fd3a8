package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An image's tag and/or config were patched. {@code patch} is what the request set (null fields
 * untouched); {@code tag} and {@code config} are the image's complete tag and config afterwards,
 * so a consumer never has to merge itself.
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
        Instant patchedAt) {
}
