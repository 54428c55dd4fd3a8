package io.wharf.project.project.command;

import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.ProjectDetailsEditedEvent;
import io.wharf.project.project.ProjectFeatureConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ProjectNameLookup} in step with the Project events, in the command's unit of work
 * (subscribing processor): a claim becomes confirmed when its project is stored, a rename frees the
 * old name, a deletion frees it.
 */
@Component
@ProcessingGroup(ProjectFeatureConfig.LOOKUP_GROUP)
class ProjectLookupUpdater {

    private final ProjectNameLookup names;

    ProjectLookupUpdater(ProjectNameLookup names) {
        this.names = names;
    }

    @EventHandler
    void on(ProjectCreatedEvent event) {
        names.confirm(event.teamId(), event.name(), event.projectId());
    }

    @EventHandler
    void on(ProjectDetailsEditedEvent event) {
        names.confirm(event.teamId(), event.name(), event.projectId());
    }

    @EventHandler
    void on(ProjectDeletedEvent event) {
        names.freeAll(event.projectId());
    }
}
