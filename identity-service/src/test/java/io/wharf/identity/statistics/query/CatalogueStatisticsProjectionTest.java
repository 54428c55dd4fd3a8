package io.wharf.identity.statistics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.project.ProjectCreatedEvent;
import io.wharf.common.events.project.ProjectDeletedEvent;
import io.wharf.common.events.project.VersionCreatedEvent;
import io.wharf.common.events.project.VersionDeletedEvent;
import io.wharf.common.events.project.VersionIncreasedEvent;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.statistics.api.CatalogueCounts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics projection without Spring, on the Mongo wire server: project, version and node counts,
 * cascades, redelivery, replay, team deletion.
 */
class CatalogueStatisticsProjectionTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private CatalogueStatisticsStore store;
    private CatalogueStatisticsProjection projection;

    @BeforeEach
    void fresh() {
        store = new CatalogueStatisticsStore(new IdentityDatabase(InProcessMongo.newDatabase(getClass())));
        projection = new CatalogueStatisticsProjection(store);
    }

    private static ProjectCreatedEvent project(String team, String project) {
        return new ProjectCreatedEvent(project, team, "name " + project, null, "versioned", "u1", T);
    }

    private static VersionCreatedEvent version(String team, String project, String version) {
        return new VersionCreatedEvent(project, team, version, "1.0." + version, "incremental", null, false, null,
                List.of(), "u1", T);
    }

    private static VersionIncreasedEvent increase(String team, String project, String parent, String version) {
        return new VersionIncreasedEvent(project, team, version, parent, "2.0." + version, null, List.of(), "u1", T);
    }

    private static VersionDeletedEvent versionDeleted(String team, String project, String version) {
        return new VersionDeletedEvent(project, team, version, List.of(), "u1", T);
    }

    private static ProjectDeletedEvent projectDeleted(String team, String project, List<String> versions) {
        return new ProjectDeletedEvent(project, team, versions, List.of(), "u1", T);
    }

    private static NodeCreatedEvent node(String team, String node) {
        return new NodeCreatedEvent(node, team, "node " + node, null, null, "u1", T);
    }

    private static NodeDeletedEvent nodeDeleted(String team, String node) {
        return new NodeDeletedEvent(node, team, "u1", T);
    }

    /** What the Kafka subscriptions do with each record. */
    private void apply(Object event) {
        if (event instanceof ProjectCreatedEvent e) {
            projection.on(e);
        } else if (event instanceof ProjectDeletedEvent e) {
            projection.on(e);
        } else if (event instanceof VersionCreatedEvent e) {
            projection.on(e);
        } else if (event instanceof VersionIncreasedEvent e) {
            projection.on(e);
        } else if (event instanceof VersionDeletedEvent e) {
            projection.on(e);
        } else if (event instanceof NodeCreatedEvent e) {
            projection.on(e);
        } else if (event instanceof NodeDeletedEvent e) {
            projection.on(e);
        } else if (event instanceof TeamDeletedEvent e) {
            projection.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    private final List<Object> history = List.of(
            project("t1", "p1"), version("t1", "p1", "v1"), increase("t1", "p1", "v1", "v2"),
            project("t1", "p2"), version("t1", "p2", "v3"), version("t1", "p2", "v4"),
            versionDeleted("t1", "p2", "v4"),
            project("t1", "p3"), version("t1", "p3", "v5"), projectDeleted("t1", "p3", List.of("v5")),
            project("t2", "p4"), version("t2", "p4", "v6"),
            node("t1", "n1"), node("t1", "n2"), node("t1", "n3"), nodeDeleted("t1", "n3"),
            node("t2", "n4"));

    @Test
    void countsLiveProjectsVersionsAndNodesPerTeam() {
        history.forEach(this::apply);

        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(2, 3, 2));
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
        assertThat(store.of("unknown")).isEqualTo(CatalogueCounts.NONE);
    }

    @Test
    void redeliveryOfEveryEventChangesNothing() {
        history.forEach(event -> {
            apply(event);
            apply(event);
        });

        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(2, 3, 2));
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
    }

    @Test
    void replayingTheWholeHistoryGivesTheSameNumbers() {
        history.forEach(this::apply);
        history.forEach(this::apply);

        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(2, 3, 2));
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
    }

    @Test
    void aLateDuplicateOfACreationDoesNotReviveWhatWasDeleted() {
        history.forEach(this::apply);

        apply(project("t1", "p3"));
        apply(version("t1", "p3", "v5"));
        apply(version("t1", "p2", "v4"));
        apply(node("t1", "n3"));

        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(2, 3, 2));
    }

    @Test
    void aNodeDeletionUncountsOnlyThatNodeOfThatTeam() {
        history.forEach(this::apply);

        apply(nodeDeleted("t1", "n1"));

        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(2, 3, 1));
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
        apply(nodeDeleted("t1", "n1"));
        apply(node("t1", "n1"));
        assertThat(store.of("t1")).as("redelivered deletion, late creation").isEqualTo(new CatalogueCounts(2, 3, 1));
    }

    @Test
    void aDeletionBeforeItsCreationLeavesATombstoneTheCreationCannotRevive() {
        apply(nodeDeleted("t1", "n1"));
        apply(node("t1", "n1"));

        assertThat(store.of("t1")).isEqualTo(CatalogueCounts.NONE);
    }

    @Test
    void deletingAProjectTakesItsVersionsAlongEvenThoseTheEventDoesNotName() {
        apply(project("t1", "p1"));
        apply(version("t1", "p1", "v1"));
        apply(version("t1", "p1", "v2"));
        assertThat(store.of("t1")).isEqualTo(new CatalogueCounts(1, 2, 0));

        apply(projectDeleted("t1", "p1", List.of("v1")));

        assertThat(store.of("t1")).isEqualTo(CatalogueCounts.NONE);
        apply(version("t1", "p1", "v3"));
        assertThat(store.of("t1")).as("a version of a deleted project").isEqualTo(CatalogueCounts.NONE);
    }

    @Test
    void aDeletedTeamHasNothingAndLateEventsOfItAreIgnored() {
        history.forEach(this::apply);

        apply(new TeamDeletedEvent("t1", "slug", T));

        assertThat(store.of("t1")).isEqualTo(CatalogueCounts.NONE);
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
        history.forEach(this::apply);
        apply(project("t1", "p9"));
        apply(node("t1", "n9"));
        assertThat(store.of("t1")).as("after a replay and a late project").isEqualTo(CatalogueCounts.NONE);
        assertThat(store.of("t2")).isEqualTo(new CatalogueCounts(1, 1, 1));
    }
}
