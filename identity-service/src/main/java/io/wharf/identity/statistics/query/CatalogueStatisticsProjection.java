package io.wharf.identity.statistics.query;

import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.identity.config.IdentityConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * {@code statistics.projects} and {@code statistics.versions}: project-service's events (from Kafka,
 * {@link ProjectEventsSubscription}); {@code statistics.nodes}: node-service's events (from Kafka,
 * {@link NodeEventsSubscription}); and identity's own team deletion (from the event store, tracking
 * group {@value IdentityConfig#TEAM_STATISTICS_GROUP}). Every version counts, the hidden {@code rolling}
 * version of a versionless project included (it is a version row in dyrector too).
 */
@Component
@ProcessingGroup(IdentityConfig.TEAM_STATISTICS_GROUP)
class CatalogueStatisticsProjection {

    private final CatalogueStatisticsStore store;

    CatalogueStatisticsProjection(CatalogueStatisticsStore store) {
        this.store = store;
    }

    void on(ProjectCreatedEvent event) {
        if (!store.teamDeleted(event.teamId())) {
            store.addProject(event.projectId(), event.teamId());
        }
    }

    void on(ProjectDeletedEvent event) {
        if (!store.teamDeleted(event.teamId())) {
            store.deleteProject(event.projectId(), event.teamId(), event.versionIds());
        }
    }

    void on(VersionCreatedEvent event) {
        addVersion(event.versionId(), event.projectId(), event.teamId());
    }

    void on(VersionIncreasedEvent event) {
        addVersion(event.versionId(), event.projectId(), event.teamId());
    }

    void on(VersionDeletedEvent event) {
        if (!store.teamDeleted(event.teamId())) {
            store.deleteVersion(event.versionId(), event.projectId(), event.teamId());
        }
    }

    void on(NodeCreatedEvent event) {
        if (!store.teamDeleted(event.teamId())) {
            store.addNode(event.nodeId(), event.teamId());
        }
    }

    void on(NodeDeletedEvent event) {
        if (!store.teamDeleted(event.teamId())) {
            store.deleteNode(event.nodeId(), event.teamId());
        }
    }

    @EventHandler
    void on(TeamDeletedEvent event) {
        store.deleteTeam(event.teamId());
    }

    private void addVersion(String versionId, String projectId, String teamId) {
        if (!store.teamDeleted(teamId)) {
            store.addVersion(versionId, projectId, teamId, store.projectDeleted(projectId));
        }
    }
}
