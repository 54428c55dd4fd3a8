package io.wharf.project.project.command;

import io.wharf.project.shared.StorageDirectory;
import io.wharf.project.shared.UseClaim;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The storage feature's {@link StorageDirectory} for fixture tests: the storages a test adds, per team. */
final class InMemoryStorageDirectory implements StorageDirectory {

    private final Map<UUID, String> teams = new ConcurrentHashMap<>();
    private final java.util.Set<UUID> deleting = ConcurrentHashMap.newKeySet();

    void deleting(UUID storageId) {
        deleting.add(storageId);
    }

    UUID add(String teamId) {
        UUID id = UUID.randomUUID();
        teams.put(id, teamId);
        return id;
    }

    @Override
    public boolean ofTeam(String teamId, UUID storageId) {
        return teamId != null && teamId.equals(teams.get(storageId));
    }

    @Override
    public UseClaim holdForImage(String teamId, UUID storageId) {
        return !ofTeam(teamId, storageId) ? UseClaim.UNKNOWN
                : deleting.contains(storageId) ? UseClaim.BEING_DELETED : UseClaim.HELD;
    }
}
