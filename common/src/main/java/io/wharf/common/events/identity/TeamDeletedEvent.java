package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The owner deleted the team. Every service deletes everything of the team it holds (registries,
 * projects, nodes, deployments, notifications...) and its replica forgets the team and its members.
 * {@code slug} is the last slug the team had.
 */
@Revision("1")
public record TeamDeletedEvent(
        String teamId,
        String slug,
        Instant deletedAt) {
}
