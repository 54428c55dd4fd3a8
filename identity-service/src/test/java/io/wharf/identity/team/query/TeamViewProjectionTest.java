package io.wharf.identity.team.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.team.api.FindTeamQuery;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.TeamResponse;
import io.wharf.identity.team.api.TeamStatistics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team views without Spring: apply events, then ask the query handler and the view repository. */
class TeamViewProjectionTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static MongoClient client;

    private TeamViews views;
    private TeamViewProjection projection;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InProcessMongo.uri());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void fresh() {
        views = new TeamViews(new IdentityDatabase(client.getDatabase(InProcessMongo.freshDatabase(getClass()))));
        projection = new TeamViewProjection(views);
    }

    private void applyHistory() {
        projection.on(new TeamCreatedEvent("t1", "Blue", "blue", "ada", T), 0);
        projection.on(new TeamMemberJoinedEvent("t1", "bob", TeamRole.USER, T.plusSeconds(1)), 1);
        projection.on(new TeamMemberJoinedEvent("t1", "cy", TeamRole.USER, T.plusSeconds(2)), 2);
        projection.on(new TeamMemberRoleChangedEvent("t1", "cy", TeamRole.USER, TeamRole.ADMIN), 3);
        projection.on(new TeamOwnershipTransferredEvent("t1", "ada", "bob"), 4);
        projection.on(new TeamRenamedEvent("t1", "Grey", "grey"), 5);
    }

    @Test
    void buildsTheTeamItsMembersAndStatistics() {
        applyHistory();

        assertThat(projection.handle(new FindTeamQuery("t1")))
                .isEqualTo(new TeamResponse(TeamStatistics.ofUsers(3), "t1", "Grey", "grey"));
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).isEqualTo(5L);
        assertThat(projection.handle(new FindTeamViewVersionQuery("unknown"))).isEqualTo(-1L);
        assertThat(views.members("t1")).extracting(TeamViews.MemberView::userId, TeamViews.MemberView::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ada", TeamRole.ADMIN),
                        org.assertj.core.groups.Tuple.tuple("bob", TeamRole.OWNER),
                        org.assertj.core.groups.Tuple.tuple("cy", TeamRole.ADMIN));
        assertThat(views.membershipsOf("bob")).extracting(TeamViews.MemberView::teamId).containsExactly("t1");
    }

    @Test
    void replayingTheSameEventsChangesNothing() {
        applyHistory();
        List<TeamViews.MemberView> before = views.members("t1");
        applyHistory();

        assertThat(views.members("t1")).isEqualTo(before);
        assertThat(projection.handle(new FindTeamQuery("t1")).statistics().users()).isEqualTo(3);
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).as("never moves back").isEqualTo(5L);
    }

    @Test
    void removedAndLeftMembersAndDeletedTeamsDisappear() {
        applyHistory();
        projection.on(new TeamMemberRemovedEvent("t1", "cy"), 6);
        projection.on(new TeamMemberLeftEvent("t1", "ada"), 7);
        assertThat(views.members("t1")).extracting(TeamViews.MemberView::userId).containsExactly("bob");

        projection.on(new TeamDeletedEvent("t1", "grey", T), 8);
        assertThat(projection.handle(new FindTeamQuery("t1"))).isNull();
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).isEqualTo(8L);
        assertThat(views.membershipsOf("bob")).isEmpty();
        assertThat(views.findAll(List.of("t1"))).isEmpty();
    }
}
