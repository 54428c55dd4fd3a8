package io.wharf.project.project;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the project feature (projects, versions, images, packages). It defines no {@code Clock}
 * bean: the feature uses the application's one if there is exactly one, else the UTC system clock
 * (so another feature's {@code Clock} bean never collides with it).
 */
@Configuration(proxyBeanMethods = false)
public class ProjectFeatureConfig {

    /** Write-side lookups (project names, image usage): updated in the command's unit of work. */
    public static final String LOOKUP_GROUP = "project-lookups";
    /** Project, version, image and package views: a tracking processor the command endpoints wait for. */
    public static final String VIEWS_GROUP = "project-views";

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Subscribing: a name claimed by a create must be confirmed (and an image's registry counted as
        // used) before the command returns, or a second create/delete could slip through.
        processing.registerSubscribingEventProcessor(LOOKUP_GROUP);
    }
}
