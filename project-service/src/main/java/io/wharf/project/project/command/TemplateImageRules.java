package io.wharf.project.project.command;

import io.wharf.common.error.ValidationException;
import io.wharf.common.events.project.ContainerConfig;

/**
 * The image rules a shipped template must pass before it is offered (the template feature checks
 * every template at startup): the reference parses like one a user adds, the config laid over the
 * default config passes {@link ConfigRules}, and nothing in it is privileged, since a plain member
 * may create a project from a template and the aggregate would refuse a privileged patch (403).
 */
public final class TemplateImageRules {

    private TemplateImageRules() {
    }

    /**
     * @param at the field prefix of the image in the template ({@code images[1]})
     * @return the image's name (without the tag)
     * @throws ValidationException with the precise field ({@code images[1].config.ports[0].internal})
     */
    public static String check(String reference, ContainerConfig config, String at) {
        ProjectRules.ImageRef ref = ProjectRules.imageRef(reference, at + ".image");
        if (config != null) {
            ConfigRules.validate(ContainerConfig.defaultFor(ref.name()).mergedWith(ConfigRules.withIds(config)),
                    at + ".config");
            if (ConfigRules.privileged(config, UserBindPaths.NONE)) {
                throw new ValidationException("A template may not hold privileged settings.", at + ".config",
                        "No host network, no host path binds, no capabilities.");
            }
        }
        return ref.name();
    }
}
