package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A storage is gone: deleted by an admin (in use by nothing), or with its team ({@code teamDeleted}). */
@Revision("1")
public record StorageDeletedEvent(
        String storageId,
        String teamId,
        String name,
        boolean teamDeleted,
        Instant deletedAt) {
}
