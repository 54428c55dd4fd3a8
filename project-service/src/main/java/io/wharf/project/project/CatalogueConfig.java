package io.wharf.project.project;

import java.time.Clock;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the project feature (projects, versions, images, packages). */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfig {

    /** Write-side lookups (project names, image usage): updated in the command's unit of work. */
    public static final String LOOKUP_GROUP = "project-lookups";
    /** Project, version, image and package views: a tracking processor the command endpoints wait for. */
    public static final String VIEWS_GROUP = "project-views";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Subscribing: a name claimed by a create must be confirmed (and an image's registry counted as
        // used) before the command returns, or a second create/delete could slip through.
        processing.registerSubscribingEventProcessor(LOOKUP_GROUP);
    }
}
