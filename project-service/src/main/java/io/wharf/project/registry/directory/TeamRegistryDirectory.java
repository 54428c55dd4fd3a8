package io.wharf.project.registry.directory;

import io.wharf.common.access.MembershipReplica;
import io.wharf.project.registry.api.RegistryType;
import io.wharf.project.registry.client.Credentials;
import io.wharf.project.registry.client.RegistryClients;
import io.wharf.project.registry.support.SecretCipher;
import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistrySummary;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link RegistryDirectory} for the rest of project-service, from the write side's {@link RegistryTable}
 * (never the view) and the team slug → id of the membership replica; digests from the v2 client.
 */
@Component
class TeamRegistryDirectory implements RegistryDirectory {

    private static final Logger log = LoggerFactory.getLogger(TeamRegistryDirectory.class);

    private final RegistryTable table;
    private final MembershipReplica teams;
    private final RegistryClients clients;
    private final SecretCipher cipher;

    TeamRegistryDirectory(RegistryTable table, MembershipReplica teams, RegistryClients clients, SecretCipher cipher) {
        this.table = table;
        this.teams = teams;
        this.clients = clients;
        this.cipher = cipher;
    }

    @Override
    public Optional<RegistrySummary> find(String teamSlug, UUID registryId) {
        return teams.teamIdBySlug(teamSlug).flatMap(teamId -> table.find(teamId, registryId.toString()))
                .map(e -> summary(teamSlug, e));
    }

    @Override
    public Optional<RegistrySummary> findByName(String teamSlug, String name) {
        return teams.teamIdBySlug(teamSlug).flatMap(teamId -> table.findByName(teamId, name)).map(e -> summary(teamSlug, e));
    }

    @Override
    public Optional<String> digestOf(UUID registryId, String imageName, String tag) {
        Optional<RegistryEntry> entry = table.find(registryId.toString()).filter(e -> e.type() == RegistryType.V2);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        RegistryEntry e = entry.get();
        try {
            return clients.v2().digest(e.url(), new Credentials(e.user(), cipher.open(e.id(), e.token())), imageName, tag);
        } catch (RuntimeException failed) {
            log.info("No digest of {}:{} from registry {}: {}", imageName, tag, e.id(), failed.getMessage());
            return Optional.empty();
        }
    }

    private static RegistrySummary summary(String teamSlug, RegistryEntry e) {
        return new RegistrySummary(UUID.fromString(e.id()), teamSlug, e.name(), e.type().wire(), e.url(),
                e.imageNamePrefix());
    }

}
