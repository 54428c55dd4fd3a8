package io.wharf.project.storage.command;

import io.wharf.project.shared.StorageDirectory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link StorageDirectory} from the storage feature's write side: a storage is the team's when the
 * team's name table holds a confirmed name of it ({@link StorageNames}), which happens in the unit
 * of work of its creation and ends in the one of its deletion.
 */
@Component
class TeamStorageDirectory implements StorageDirectory {

    private final StorageNames names;

    TeamStorageDirectory(StorageNames names) {
        this.names = names;
    }

    @Override
    public boolean ofTeam(String teamId, UUID storageId) {
        return teamId != null && storageId != null && names.ownedBy(teamId, storageId.toString());
    }
}
