package io.wharf.project.storage.command;

import io.wharf.project.registry.support.UsageClaims;
import io.wharf.project.shared.CatalogueUsage;
import io.wharf.project.shared.DeletionCheck;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link StorageUsage} from the image feature's {@link CatalogueUsage}, under a deletion mark
 * ({@link UsageClaims}), like {@code CatalogueRegistryUsage}; without the image feature nothing is in use.
 */
@Component
class CatalogueStorageUsage implements StorageUsage {

    private final CatalogueUsage usage;
    private final UsageClaims claims;

    CatalogueStorageUsage(CatalogueUsage usage, UsageClaims claims) {
        this.usage = usage;
        this.claims = claims;
    }

    @Override
    public DeletionCheck check(String storageId) {
        // held or in use → the aggregate refuses (409/412) and the rollback takes the mark back
        if (!claims.markDeletingForUnitOfWork(UsageClaims.STORAGE, storageId)) {
            return DeletionCheck.HELD_NOW;
        }
        return usage.storageInUse(UUID.fromString(storageId)) ? DeletionCheck.IN_USE : DeletionCheck.FREE;
    }
}
