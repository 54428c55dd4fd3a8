package io.wharf.project.registry.command;

import io.wharf.project.shared.CatalogueUsage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link RegistryUsage} from the image feature's {@link CatalogueUsage}. */
@Component
class CatalogueRegistryUsage implements RegistryUsage {

    private final CatalogueUsage usage;

    CatalogueRegistryUsage(CatalogueUsage usage) {
        this.usage = usage;
    }

    @Override
    public boolean inUse(String registryId) {
        return usage.registryInUse(UUID.fromString(registryId));
    }
}
