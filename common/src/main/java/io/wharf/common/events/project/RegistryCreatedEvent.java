package io.wharf.common.events.project;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A team registered a container registry (SPEC §3). Carries everything a consumer needs to pull
 * from it: deployment-service keeps a replica of the team's registries from these events to give the
 * agent the registry address and credentials.
 *
 * @param type            {@code v2|hub|gitlab|github|google|unchecked}
 * @param url             the registry host or URL ({@code hub.docker.com} for hub, {@code ghcr.io} for github)
 * @param imageNamePrefix organisation, user, group or project path (hub, gitlab, github, google), else null
 * @param namespace       {@code group|project} (gitlab), {@code organization|user} (github), else null
 * @param apiUrl          self-managed GitLab's API address, else null
 * @param user            user name of the credentials, null without
 * @param token           the token or key, ENCRYPTED (AES-GCM, see docs/project-service.md), null without
 */
@Revision("1")
public record RegistryCreatedEvent(
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
        Instant createdAt) {
}
