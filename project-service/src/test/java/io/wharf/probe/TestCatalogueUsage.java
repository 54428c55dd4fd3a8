package io.wharf.probe;

import io.wharf.project.shared.CatalogueUsage;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The image feature's {@link CatalogueUsage} as a test stands it in (the real one lives on another
 * branch): the ids a test marks are in use. Outside {@code io.wharf.project}, registered explicitly.
 */
@Component
@Primary // wins over the image feature's real one once both branches are merged
public class TestCatalogueUsage implements CatalogueUsage {

    private final Set<UUID> used = ConcurrentHashMap.newKeySet();

    public void use(String id) {
        used.add(UUID.fromString(id));
    }

    public void release(String id) {
        used.remove(UUID.fromString(id));
    }

    @Override
    public boolean registryInUse(UUID registryId) {
        return used.contains(registryId);
    }

    @Override
    public boolean storageInUse(UUID storageId) {
        return used.contains(storageId);
    }
}
