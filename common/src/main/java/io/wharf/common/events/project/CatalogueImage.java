package io.wharf.common.events.project;

/**
 * An image of a version as the events carry it: everything a deployment needs to compute an
 * instance's effective config. {@code digest} is set once the version is published and the
 * registry could tell it ({@code sha256:...}), else null.
 */
public record CatalogueImage(
        String imageId,
        String registryId,
        String name,
        String tag,
        int order,
        ContainerConfig config,
        String digest) {
}
