package io.wharf.project.registry.command;

/**
 * Whether an image uses a registry, asked by the aggregate before a delete (SPEC §3: in use → 412).
 * A write-side answer ({@code CatalogueUsage} of the image feature), never a read model.
 */
public interface RegistryUsage {

    boolean inUse(String registryId);
}
