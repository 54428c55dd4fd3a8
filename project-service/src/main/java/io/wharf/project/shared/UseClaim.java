package io.wharf.project.shared;

/**
 * The answer of {@link RegistryDirectory#holdForImages} and {@link StorageDirectory#holdForImage}: the
 * object is the team's and held against deletion until the current unit of work ends, or it is
 * not the team's (or gone), or a deletion of it is under way.
 */
public enum UseClaim {
    HELD,
    UNKNOWN,
    BEING_DELETED
}
