package io.wharf.common.events.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A team was created; {@code ownerId} (the creator) is its owner from now on. Published on
 * {@code wharf.identity.events}: every service's membership replica starts the team from it
 * ({@code io.wharf.common.access}), and project-service creates the team's "Docker Hub Library"
 * registry (type {@code hub}, {@code imageNamePrefix: library}) when it sees it.
 */
@Revision("1")
public record TeamCreatedEvent(
        String teamId,
        String name,
        String slug,
        String ownerId,
        Instant createdAt) {
}
