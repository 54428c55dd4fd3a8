package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A team registered an S3-compatible storage (SPEC §3). deployment-service keeps a replica of the
 * team's storages from these events to mount them into containers at deploy time.
 *
 * @param accessKey the access key id, null without
 * @param secretKey the secret key, ENCRYPTED (AES-GCM, see docs/project-service.md), null without
 */
@Revision("1")
public record StorageCreatedEvent(
        String storageId,
        String teamId,
        String name,
        String description,
        String icon,
        String url,
        String accessKey,
        String secretKey,
        Instant createdAt) {
}
