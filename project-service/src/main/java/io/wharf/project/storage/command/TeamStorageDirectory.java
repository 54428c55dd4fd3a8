package io.wharf.project.storage.command;

import io.wharf.project.registry.support.UsageClaims;
import io.wharf.project.shared.StorageDirectory;
import io.wharf.project.shared.UseClaim;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link StorageDirectory} from the storage feature's write side: a storage is the team's when the
 * team's name table holds a confirmed name of it ({@link StorageNames}), which happens in the unit
 * of work of its creation and ends in the one of its deletion. Holds against a concurrent deletion
 * through {@link UsageClaims}.
 */
@Component
class TeamStorageDirectory implements StorageDirectory {

    private final StorageNames names;
    private final UsageClaims claims;

    TeamStorageDirectory(StorageNames names, UsageClaims claims) {
        this.names = names;
        this.claims = claims;
    }

    @Override
    public boolean ofTeam(String teamId, UUID storageId) {
        return teamId != null && storageId != null && names.ownedBy(teamId, storageId.toString());
    }

    /** Held first, then looked up: a deletion that marked it first refuses the hold. */
    @Override
    public UseClaim holdForImage(String teamId, UUID storageId) {
        if (teamId == null || storageId == null) {
            return UseClaim.UNKNOWN;
        }
        // the team's first (a stranger's id makes no claim document), then held, then looked up again
        if (!ofTeam(teamId, storageId)) {
            return UseClaim.UNKNOWN;
        }
        boolean held = claims.holdForUnitOfWork(UsageClaims.STORAGE, storageId.toString());
        return !ofTeam(teamId, storageId) ? UseClaim.UNKNOWN : held ? UseClaim.HELD : UseClaim.BEING_DELETED;
    }
}
