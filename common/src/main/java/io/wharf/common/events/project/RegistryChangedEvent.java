package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An admin changed a registry: the event carries the whole new state (same fields as
 * {@link RegistryCreatedEvent}), so a replica replaces what it had. {@code token} is the encrypted
 * token the registry holds now (kept from before when the request did not send one), null without.
 */
@Revision("1")
public record RegistryChangedEvent(
        String registryId,
        String teamId,
        String name,
        String description,
        String icon,
        String type,
        String url,
        String imageNamePrefix,
        String namespace,
        String apiUrl,
        String user,
        String token,
        Instant changedAt) {
}
