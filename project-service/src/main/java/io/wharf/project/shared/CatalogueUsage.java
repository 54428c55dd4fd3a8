package io.wharf.project.shared;

import java.util.UUID;

/**
 * Whether registries and storages are referenced by images, owned and implemented by the image
 * feature from a write-side lookup it keeps. Registries and storages use it for {@code inUse} and
 * to refuse deleting what is in use (412).
 */
public interface CatalogueUsage {

    boolean registryInUse(UUID registryId);

    boolean storageInUse(UUID storageId);
}
