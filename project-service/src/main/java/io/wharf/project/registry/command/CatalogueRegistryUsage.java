package io.wharf.project.registry.command;

import io.wharf.project.shared.CatalogueUsage;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@link RegistryUsage} from the image feature's {@link CatalogueUsage}; without that feature nothing is in use. */
@Component
class CatalogueRegistryUsage implements RegistryUsage {

    private final ObjectProvider<CatalogueUsage> usage;

    CatalogueRegistryUsage(ObjectProvider<CatalogueUsage> usage) {
        this.usage = usage;
    }

    @Override
    public boolean inUse(String registryId) {
        CatalogueUsage catalogue = usage.getIfAvailable();
        return catalogue != null && catalogue.registryInUse(UUID.fromString(registryId));
    }
}
