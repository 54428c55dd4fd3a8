package io.wharf.project.storage.command;

import io.wharf.project.shared.CatalogueUsage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link StorageUsage} from the image feature's {@link CatalogueUsage}; without it nothing is in use. */
@Component
class CatalogueStorageUsage implements StorageUsage {

    private final CatalogueUsage usage;

    CatalogueStorageUsage(CatalogueUsage usage) {
        this.usage = usage;
    }

    @Override
    public boolean inUse(String storageId) {
        return usage.storageInUse(UUID.fromString(storageId));
    }
}
