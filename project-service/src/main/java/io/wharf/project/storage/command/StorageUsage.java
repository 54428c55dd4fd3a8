package io.wharf.project.storage.command;

/**
 * Whether an image or instance config uses a storage (write side; SPEC §3: in use → 412). Asked only by
 * the deletion: like {@code RegistryUsage}, a "no" also marks the storage for it ({@code UsageClaims}).
 */
public interface StorageUsage {

    boolean inUse(String storageId);
}
