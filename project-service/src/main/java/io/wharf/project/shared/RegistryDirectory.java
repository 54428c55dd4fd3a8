package io.wharf.project.shared;

import java.util.Optional;
import java.util.UUID;

/**
 * What the rest of project-service may ask about registries, owned and implemented by the
 * {@code registry} feature. Images use it to check that a registry is the team's (write side,
 * backed by the registry feature's own lookup table), publishing uses it to pin tags to digests.
 */
public interface RegistryDirectory {

    /** The registry if {@code registryId} is one of the team's registries, empty otherwise. */
    Optional<RegistrySummary> find(String teamSlug, UUID registryId);

    /**
     * For a command that is about to make images use the registry (write side): {@link UseClaim#HELD}
     * when it is one of the team's, and then it cannot be deleted until the current unit of work has
     * ended (by then the images are in the usage lookup, so a deletion sees them: 412);
     * {@link UseClaim#BEING_DELETED} while a deletion of it runs; {@link UseClaim#UNKNOWN} otherwise.
     * Needs a unit of work (an aggregate's command handler).
     */
    UseClaim holdForImages(String teamSlug, UUID registryId);

    /** The team's registry with this exact name (templates create missing ones by name). */
    Optional<RegistrySummary> findByName(String teamSlug, String name);

    /**
     * The manifest digest ({@code sha256:...}) of {@code imageName:tag} where the registry can
     * tell it (a reachable {@code v2} registry); empty when it answered without one, or is not there
     * at all (unknown host, connection refused: e.g. Docker Hub from a machine without internet).
     *
     * @throws RegistryUnavailableException when a V2-speaking registry is there but does not answer
     *                                      in time, or fails (5xx)
     */
    Optional<String> digestOf(UUID registryId, String imageName, String tag);
}
