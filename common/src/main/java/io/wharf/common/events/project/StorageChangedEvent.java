package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An admin changed a storage: the whole new state (as {@link StorageCreatedEvent}); {@code secretKey}
 * is the encrypted key the storage holds now (kept from before when the request sent none).
 */
@Revision("1")
public record StorageChangedEvent(
        String storageId,
        String teamId,
        String name,
        String description,
        String icon,
        String url,
        String accessKey,
        String secretKey,
        Instant changedAt) {
}
