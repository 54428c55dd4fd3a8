package io.wharf.project.project.command;

import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import java.util.Objects;

/** An image of a version inside the {@link Project} aggregate. */
final class ImageState {

    final String id;
    final String registryId;
    final String name;
    String tag;
    int order;
    ContainerConfig config;
    String digest;

    ImageState(CatalogueImage image) {
        this.id = image.imageId();
        this.registryId = image.registryId();
        this.name = image.name();
        this.tag = image.tag();
        this.order = image.order();
        this.config = image.config();
        this.digest = image.digest();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageState i && id.equals(i.id) && Objects.equals(registryId, i.registryId)
                && Objects.equals(name, i.name) && Objects.equals(tag, i.tag) && order == i.order
                && Objects.equals(config, i.config) && Objects.equals(digest, i.digest);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
