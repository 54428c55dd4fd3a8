package io.wharf.project.registry.command;

import io.wharf.project.registry.support.UsageClaims;
import io.wharf.project.shared.CatalogueUsage;
import io.wharf.project.shared.DeletionCheck;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link RegistryUsage} from the image feature's {@link CatalogueUsage}, under a deletion mark
 * ({@link UsageClaims}): an image command holding the registry right now counts as a use, and once
 * marked, no image command can start using it while the deletion's unit of work runs.
 */
@Component
class CatalogueRegistryUsage implements RegistryUsage {

    private final CatalogueUsage usage;
    private final UsageClaims claims;

    CatalogueRegistryUsage(CatalogueUsage usage, UsageClaims claims) {
        this.usage = usage;
        this.claims = claims;
    }

    @Override
    public DeletionCheck check(String registryId) {
        // held or in use → the aggregate refuses (409/412) and the rollback takes the mark back
        if (!claims.markDeletingForUnitOfWork(UsageClaims.REGISTRY, registryId)) {
            return DeletionCheck.HELD_NOW;
        }
        return usage.registryInUse(UUID.fromString(registryId)) ? DeletionCheck.IN_USE : DeletionCheck.FREE;
    }
}
