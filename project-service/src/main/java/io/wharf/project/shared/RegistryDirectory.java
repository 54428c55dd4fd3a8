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

    /** The team's registry with this exact name (templates create missing ones by name). */
    Optional<RegistrySummary> findByName(String teamSlug, String name);

    /**
     * The manifest digest ({@code sha256:...}) of {@code imageName:tag} where the registry can
     * tell it (a reachable {@code v2} registry); empty when it cannot, never an exception.
     */
    Optional<String> digestOf(UUID registryId, String imageName, String tag);
}
