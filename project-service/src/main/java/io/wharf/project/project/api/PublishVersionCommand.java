package io.wharf.project.project.api;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Freeze an incremental version into an immutable release (seed 000). {@code digests} are the
 * manifest digests the controller could resolve before sending, by {@link #key(String, String, String)}
 * of an image (registry, name, tag); an image without one keeps its tag. The aggregate never calls
 * a registry: a slow registry must not hold the project's command lock.
 */
public record PublishVersionCommand(@TargetAggregateIdentifier String projectId, Caller caller, String versionId,
                                    Map<String, String> digests) {

    /** Publishing without digests: every image keeps its tag. */
    public PublishVersionCommand(String projectId, Caller caller, String versionId) {
        this(projectId, caller, versionId, Map.of());
    }

    /** The key of an image's digest in {@code digests}. */
    public static String key(String registryId, String name, String tag) {
        return registryId + "|" + name + ":" + tag;
    }
}
