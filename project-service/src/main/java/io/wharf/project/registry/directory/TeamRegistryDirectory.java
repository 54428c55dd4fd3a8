package io.wharf.project.registry.directory;

import io.wharf.common.access.MembershipReplica;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.client.Credentials;
import io.wharf.project.registry.client.RegistryClients;
import io.wharf.project.registry.support.RegistryProperties;
import io.wharf.common.security.SecretCipher;
import io.wharf.project.registry.client.RegistryCallException;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistryUnavailableException;
import io.wharf.project.shared.RegistrySummary;
import io.wharf.project.shared.UseClaim;
import io.wharf.project.registry.support.UsageClaims;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link RegistryDirectory} for the rest of project-service, from the write side's {@link RegistryTable}
 * (never the view) and the team slug → id of the membership replica; digests from the v2 client
 * (every type but {@code unchecked} is a V2 registry underneath).
 */
@Component
class TeamRegistryDirectory implements RegistryDirectory {

    private static final Logger log = LoggerFactory.getLogger(TeamRegistryDirectory.class);

    private final RegistryTable table;
    private final MembershipReplica teams;
    private final RegistryClients clients;
    private final SecretCipher cipher;
    private final RegistryProperties properties;
    private final UsageClaims claims;

    TeamRegistryDirectory(RegistryTable table, MembershipReplica teams, RegistryClients clients, SecretCipher cipher,
            RegistryProperties properties, UsageClaims claims) {
        this.table = table;
        this.teams = teams;
        this.clients = clients;
        this.cipher = cipher;
        this.properties = properties;
        this.claims = claims;
    }

    @Override
    public Optional<RegistrySummary> find(String teamSlug, UUID registryId) {
        return teams.teamIdBySlug(teamSlug).flatMap(teamId -> table.find(teamId, registryId.toString()))
                .map(e -> summary(teamSlug, e));
    }

    /**
     * The team's first (a stranger's id makes no claim document and blocks nobody's deletion), then
     * held, then looked up again: a deletion that marked it first refuses the hold (see
     * {@link UsageClaims}), one that finished in between leaves it gone (404).
     */
    @Override
    public UseClaim holdForImages(String teamSlug, UUID registryId) {
        Optional<String> teamId = teams.teamIdBySlug(teamSlug);
        String id = registryId.toString();
        if (teamId.isEmpty() || table.find(teamId.get(), id).isEmpty()) {
            return UseClaim.UNKNOWN;
        }
        boolean held = claims.holdForUnitOfWork(UsageClaims.REGISTRY, id);
        boolean ofTeam = table.find(teamId.get(), id).isPresent();
        return !ofTeam ? UseClaim.UNKNOWN : held ? UseClaim.HELD : UseClaim.BEING_DELETED;
    }

    @Override
    public Optional<RegistrySummary> findByName(String teamSlug, String name) {
        return teams.teamIdBySlug(teamSlug).flatMap(teamId -> table.findByName(teamId, name)).map(e -> summary(teamSlug, e));
    }

    /**
     * Throws {@link RegistryUnavailableException} when the registry does not answer in time or fails
     * (5xx); one that is not there at all (unknown host, connection refused) tells no digest. Every registry type that speaks the V2 API answers: {@code v2} at its url, {@code hub} at
     * registry-1.docker.io (anonymous token from the realm of its challenge, auth.docker.io;
     * {@code library/} for one-segment names), {@code github} at ghcr.io, {@code gitlab} at its
     * registry url (registry.gitlab.com for GitLab.com), {@code google} at its url (the service-account key
     * exchanged for an access token, {@code oauth2accesstoken}); the repository
     * is the image name under the registry's {@code imageNamePrefix}. {@code unchecked}: never.
     */
    @Override
    public Optional<String> digestOf(UUID registryId, String imageName, String tag) {
        Optional<RegistryEntry> entry = table.find(registryId.toString());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        RegistryEntry e = entry.get();
        String address = switch (e.type()) {
            case V2, GOOGLE -> e.url();
            case HUB -> properties.hubRegistryUrl();
            case GITHUB -> properties.githubRegistryUrl();
            case GITLAB -> e.url() == null || RegistryType.GITLAB_URL.equals(e.url()) ? properties.gitlabRegistryUrl()
                    : e.url();
            case UNCHECKED -> null;
        };
        if (address == null) {
            return Optional.empty();
        }
        String repository = repository(e, imageName);
        try {
            Credentials stored = new Credentials(e.user(), cipher.open(e.id(), e.token()));
            return clients.v2().digest(address, clients.forV2(e.type(), stored), repository, tag);
        } catch (RegistryCallException failed) {
            if (failed.timedOut() || failed.status() >= 500) {
                // there, but no answer: the caller cannot know whether there is a digest (publishing: 503).
                // Not there at all (unknown host, connection refused): it cannot tell one; the tag stays.
                throw new RegistryUnavailableException("Registry " + e.id() + " could not be asked: "
                        + failed.getMessage());
            }
            log.info("No digest of {}:{} from registry {}: {}", repository, tag, e.id(), failed.getMessage());
            return Optional.empty();
        } catch (RuntimeException failed) {
            log.info("No digest of {}:{} from registry {}: {}", repository, tag, e.id(), failed.getMessage());
            return Optional.empty();
        }
    }

    /** The repository path of an image in its registry: the name under the prefix (once). */
    static String repository(RegistryEntry e, String imageName) {
        String prefix = e.type() == RegistryType.V2 || e.type() == RegistryType.UNCHECKED ? null : e.imageNamePrefix();
        String path = prefix == null || prefix.isBlank() || imageName.equals(prefix)
                || imageName.startsWith(prefix + "/") ? imageName : prefix + "/" + imageName;
        if (e.type() == RegistryType.HUB && !path.contains("/")) {
            path = "library/" + path;
        }
        return path;
    }

    private static RegistrySummary summary(String teamSlug, RegistryEntry e) {
        return new RegistrySummary(UUID.fromString(e.id()), teamSlug, e.name(), e.type().wire(), e.url(),
                e.imageNamePrefix());
    }

}
