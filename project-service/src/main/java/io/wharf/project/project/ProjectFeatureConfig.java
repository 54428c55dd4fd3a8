package io.wharf.project.project;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
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

    /** The bean name of the Project aggregate's snapshot trigger. */
    public static final String SNAPSHOT_TRIGGER = "projectSnapshotTrigger";

    /**
     * A snapshot of a project every {@code wharf.project.snapshot-threshold} (100) events read and
     * applied in one load: a project lives long (versions, images, config patches, packages) and
     * would otherwise be rebuilt from its whole history on every command. Snapshots go to the Mongo
     * event store's snapshot collection, serialized like the events (Jackson).
     */
    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition projectSnapshotTrigger(Snapshotter snapshotter,
            @Value("${wharf.project.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** The bean name of the Project aggregate's snapshot filter. */
    public static final String SNAPSHOT_FILTER = "projectSnapshotFilter";
    /**
     * The revision of the Project aggregate's snapshot state (its fields). Bump it on every change of
     * that state: snapshots of another revision are ignored ({@link #projectSnapshotFilter}) and the
     * project is rebuilt from its events, which then snapshot anew.
     */
    public static final String PROJECT_REVISION = "1";
    /** The Project aggregate's type in the event store (Axon's default: the simple class name). */
    public static final String PROJECT_TYPE = "Project";

    /** Only snapshots of the current {@link #PROJECT_REVISION} are loaded. */
    @Bean(SNAPSHOT_FILTER)
    SnapshotFilter projectSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(PROJECT_TYPE).revision(PROJECT_REVISION).build();
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        // Subscribing: a name claimed by a create must be confirmed (and an image's registry counted as
        // used) before the command returns, or a second create/delete could slip through.
        processing.registerSubscribingEventProcessor(LOOKUP_GROUP);
    }
}
