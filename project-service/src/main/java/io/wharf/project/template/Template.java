package io.wharf.project.template;

import io.wharf.common.events.project.ContainerConfig;
import java.util.List;

/**
 * A template as its data file {@code templates/<id>.json} holds it (the id is the file's base
 * name, the picture {@code <id>.svg} next to it): the registries it needs, by name and type, and
 * its images in deployment order, each naming one of those registries and carrying the config laid
 * over the default config of a new image.
 */
record Template(String id, String name, String description, List<String> technologies,
                List<RegistryNeed> registries, List<Image> images, byte[] picture) {

    /** A registry the template's images come from; created in the team by name when missing. */
    record RegistryNeed(String name, String type, Details details) {
    }

    /** The registry details a template may ask for: no credentials (they would be shared by everyone). */
    record Details(String imageNamePrefix, String url) {
    }

    /** {@code image} is {@code name[:tag]} in {@code registry}; {@code config} a partial container config. */
    record Image(String registry, String image, ContainerConfig config) {
    }

    /** The data file's content: the same without the id and the picture. */
    record File(String name, String description, List<String> technologies, List<RegistryNeed> registries,
                List<Image> images) {
    }
}
