package io.wharf.project.project.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.common.events.project.CatalogueImage;
import io.wharf.common.events.project.ContainerConfig;
import java.util.Objects;

/** An image of a version inside the {@link Project} aggregate. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
final class ImageState {

    final String id;
    final String registryId;
    final String name;
    String tag;
    int order;
    ContainerConfig config;
    String digest;

    /** From a snapshot: the identity here, the rest from the fields. */
    @JsonCreator
    ImageState(@JsonProperty("id") String id, @JsonProperty("registryId") String registryId,
            @JsonProperty("name") String name) {
        this.id = id;
        this.registryId = registryId;
        this.name = name;
    }

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
