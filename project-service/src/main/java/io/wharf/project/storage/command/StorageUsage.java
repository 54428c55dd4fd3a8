package io.wharf.project.storage.command;

import io.wharf.project.shared.DeletionCheck;

/**
 * Whether an image or instance config uses a storage (write side; SPEC §3: in use → 412). Asked only by
 * the deletion: like {@code RegistryUsage}, a "no" also marks the storage for it ({@code UsageClaims}).
 */
public interface StorageUsage {

    DeletionCheck check(String storageId);
}
