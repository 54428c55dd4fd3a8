package io.wharf.probe;

import io.wharf.project.shared.RegistryDirectory;
import io.wharf.project.shared.RegistrySummary;
import io.wharf.project.shared.UseClaim;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test stand-in for the registry feature's {@link RegistryDirectory} (built on another branch):
 * registries and digests are whatever the test puts in. Never in src/main.
 */
public final class InMemoryRegistryDirectory implements RegistryDirectory {

    private final Map<UUID, RegistrySummary> registries = new ConcurrentHashMap<>();
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private final java.util.Set<UUID> deleting = ConcurrentHashMap.newKeySet();

    /** A v2 registry of the team {@code teamSlug}; answers its id. */
    public UUID add(String teamSlug, String name) {
        UUID id = UUID.randomUUID();
        registries.put(id, new RegistrySummary(id, teamSlug, name, "v2", "http://127.0.0.1:5000", null));
        return id;
    }

    public void digest(UUID registryId, String imageName, String tag, String digest) {
        digests.put(registryId + "/" + imageName + ":" + tag, digest);
    }

    @Override
    public Optional<RegistrySummary> find(String teamSlug, UUID registryId) {
        return Optional.ofNullable(registries.get(registryId)).filter(r -> r.teamSlug().equals(teamSlug));
    }

    /** A deletion of the registry is under way (image commands are refused it). */
    public void deleting(UUID registryId) {
        deleting.add(registryId);
    }

    @Override
    public UseClaim holdForImages(String teamSlug, UUID registryId) {
        return find(teamSlug, registryId).isEmpty() ? UseClaim.UNKNOWN
                : deleting.contains(registryId) ? UseClaim.BEING_DELETED : UseClaim.HELD;
    }

    @Override
    public Optional<RegistrySummary> findByName(String teamSlug, String name) {
        return registries.values().stream().filter(r -> r.teamSlug().equals(teamSlug) && r.name().equals(name))
                .findFirst();
    }

    @Override
    public Optional<String> digestOf(UUID registryId, String imageName, String tag) {
        return Optional.ofNullable(digests.get(registryId + "/" + imageName + ":" + tag));
    }
}
