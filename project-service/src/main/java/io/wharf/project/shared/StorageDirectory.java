package io.wharf.project.shared;

import java.util.UUID;

/**
 * What the rest of project-service may ask about storages, owned and implemented by the
 * {@code storage} feature from its write-side name table (never a view). Images use it to refuse a
 * {@code storage.storageId} that is not one of the team's storages.
 */
public interface StorageDirectory {

    /** True when {@code storageId} is a storage of the team {@code teamId} (created and not deleted). */
    boolean ofTeam(String teamId, UUID storageId);

    /**
     * For a command that is about to make an image use the storage: like
     * {@link RegistryDirectory#holdForImages}, held against deletion until the current unit of work ends.
     */
    UseClaim holdForImage(String teamId, UUID storageId);
}
