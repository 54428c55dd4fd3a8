package io.wharf.common.events.project;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The project was deleted with everything in it: {@code versionIds} and {@code imageIds} are gone
 * too (consumers cascade from this one event; no per-version events follow).
 */
@Revision("1")
public record ProjectDeletedEvent(
        String projectId,
        String teamId,
        List<String> versionIds,
        List<String> imageIds,
        String deletedBy,
        Instant deletedAt) {
}
