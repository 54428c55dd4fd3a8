package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A registry is gone: deleted by an admin (it was in use by no image), or because its team was
 * deleted ({@code teamDeleted}). Consumers forget it and its credentials.
 */
@Revision("1")
public record RegistryDeletedEvent(
        String registryId,
        String teamId,
        String name,
        boolean teamDeleted,
        Instant deletedAt) {
}
