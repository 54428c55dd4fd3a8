package io.wharf.project.storage.command;

/** Whether an image or instance config uses a storage (write side; SPEC §3: in use → 412). */
public interface StorageUsage {

    boolean inUse(String storageId);
}
