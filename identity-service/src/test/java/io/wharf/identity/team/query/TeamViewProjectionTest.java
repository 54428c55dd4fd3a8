package io.wharf.identity.team.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamInvitationAcceptedEvent;
import io.wharf.common.events.identity.TeamInvitationDeclinedEvent;
import io.wharf.common.events.identity.TeamInvitationRenewedEvent;
import io.wharf.common.events.identity.TeamInvitationRevokedEvent;
import io.wharf.common.events.identity.TeamMemberInvitedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.test.InProcessMongo;
import io.wharf.identity.config.IdentityDatabase;
import io.wharf.identity.statistics.api.CatalogueCounts;
import io.wharf.identity.team.api.FindTeamInvitationQuery;
import io.wharf.identity.team.api.FindTeamQuery;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.TeamResponse;
import io.wharf.identity.team.api.TeamStatistics;
import io.wharf.identity.team.api.TeamUserResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team views without Spring: apply events, then ask the query handler and the view repository. */
class TeamViewProjectionTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private TeamViews views;
    private TeamViewProjection projection;

    @BeforeEach
    void fresh() {
        views = new TeamViews(new IdentityDatabase(InProcessMongo.newDatabase(getClass())));
        projection = new TeamViewProjection(views, teamId -> CatalogueCounts.NONE);
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

        assertThat(projection.handle(new FindTeamQuery("t1", T)))
                .isEqualTo(new TeamResponse(new TeamStatistics(3, 0, 0, 0, 0), "t1", "Grey", "grey"));
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
    void anInvitationRowIsNeverTakenOverByAnotherAddressOrTeam() {
        applyHistory();
        projection.on(new TeamMemberInvitedEvent("t1", "inv-1", "grace@example.com", "Grace", null, "Grey", "bob",
                T, T.plusSeconds(3600)), 6);
        projection.on(new TeamMemberInvitedEvent("t1", "inv-1", "newt@example.com", "Newt", null, "Grey", "bob",
                T, T.plusSeconds(3600)), 7);
        projection.on(new TeamMemberInvitedEvent("t2", "inv-1", "eve@example.com", "Eve", null, "Red", "eve",
                T, T.plusSeconds(3600)), 0);

        assertThat(views.invitations("t1")).extracting(TeamViews.InvitationView::id, TeamViews.InvitationView::email)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inv-1", "grace@example.com"));
        assertThat(views.invitations("t2")).isEmpty();
        // a redelivery of the first is applied as before
        projection.on(new TeamMemberInvitedEvent("t1", "inv-1", "grace@example.com", "Grace", null, "Grey", "bob",
                T, T.plusSeconds(7200)), 6);
        assertThat(views.invitations("t1")).extracting(TeamViews.InvitationView::expiresAt)
                .containsExactly(T.plusSeconds(7200));
    }

    @Test
    void replayingTheSameEventsChangesNothing() {
        applyHistory();
        List<TeamViews.MemberView> before = views.members("t1");
        applyHistory();

        assertThat(views.members("t1")).isEqualTo(before);
        assertThat(projection.handle(new FindTeamQuery("t1", T)).statistics().users()).isEqualTo(3);
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).as("never moves back").isEqualTo(5L);
    }

    @Test
    void removedAndLeftMembersAndDeletedTeamsDisappear() {
        applyHistory();
        projection.on(new TeamMemberRemovedEvent("t1", "cy"), 6);
        projection.on(new TeamMemberLeftEvent("t1", "ada"), 7);
        assertThat(views.members("t1")).extracting(TeamViews.MemberView::userId).containsExactly("bob");

        projection.on(new TeamDeletedEvent("t1", "grey", T), 8);
        assertThat(projection.handle(new FindTeamQuery("t1", T))).isNull();
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).isEqualTo(8L);
        assertThat(views.membershipsOf("bob")).isEmpty();
        assertThat(views.findAll(List.of("t1"))).isEmpty();
    }

    // --- invitations ----------------------------------------------------------------------------

    private static final Instant WEEK = T.plus(Duration.ofDays(7));

    private void applyInvitations() {
        applyHistory();
        projection.on(new TeamMemberInvitedEvent("t1", "i-grace", "grace@example.com", "Grace", "Hopper", "Grey",
                "bob", T, WEEK), 6);
        projection.on(new TeamMemberInvitedEvent("t1", "i-newt", "newt@example.com", "Newt", null, "Grey",
                "bob", T.plusSeconds(1), WEEK.plusSeconds(1)), 7);
    }

    private String status(String invitationId, Instant now) {
        TeamUserResponse row = projection.handle(new FindTeamInvitationQuery("t1", invitationId, now));
        return row == null ? null : row.status();
    }

    @Test
    void invitationsArePendingUntilTheyExpireAndCountAsUsersMeanwhile() {
        applyInvitations();

        assertThat(projection.handle(new FindTeamInvitationQuery("t1", "i-grace", T)))
                .isEqualTo(new TeamUserResponse("user", "pending", "grace@example.com", null, "i-grace",
                        "Grace Hopper"));
        assertThat(projection.handle(new FindTeamQuery("t1", T)).statistics().users()).isEqualTo(5);
        assertThat(views.pendingInvitationsOf("newt@example.com", T)).extracting(TeamViews.InvitationView::teamId)
                .containsExactly("t1");

        assertThat(status("i-grace", WEEK)).isEqualTo("expired");
        assertThat(status("i-newt", WEEK)).isEqualTo("pending");
        assertThat(projection.handle(new FindTeamQuery("t1", WEEK)).statistics().users()).isEqualTo(4);
        assertThat(views.pendingInvitationsOf("grace@example.com", WEEK)).isEmpty();
        assertThat(projection.handle(new FindTeamInvitationQuery("t1", "i-grace", T.minusSeconds(1)))).isNotNull();
        assertThat(projection.handle(new FindTeamInvitationQuery("other-team", "i-grace", T))).isNull();
    }

    @Test
    void renewedDeclinedAcceptedAndRevokedInvitations() {
        applyInvitations();
        projection.on(new TeamInvitationRenewedEvent("t1", "i-grace", "grace@example.com", "Grace", "Grey", "bob",
                WEEK, WEEK.plus(Duration.ofDays(7))), 8);
        assertThat(status("i-grace", WEEK.plusSeconds(60))).isEqualTo("pending");

        projection.on(new TeamInvitationDeclinedEvent("t1", "i-grace", "grace@example.com", "g", WEEK), 9);
        assertThat(status("i-grace", T)).isEqualTo("declined");
        assertThat(views.pendingInvitationsOf("grace@example.com", T)).isEmpty();
        assertThat(projection.handle(new FindTeamQuery("t1", T)).statistics().users()).as("declined: not counted")
                .isEqualTo(4);

        projection.on(new TeamInvitationAcceptedEvent("t1", "i-newt", "newt@example.com", "n", T), 10);
        projection.on(new TeamMemberJoinedEvent("t1", "n", TeamRole.USER, T), 11);
        assertThat(status("i-newt", T)).isNull();
        assertThat(projection.handle(new FindTeamQuery("t1", T)).statistics().users()).isEqualTo(4);

        projection.on(new TeamInvitationRevokedEvent("t1", "i-grace", "grace@example.com"), 12);
        assertThat(views.invitations("t1")).isEmpty();
        assertThat(projection.handle(new FindTeamViewVersionQuery("t1"))).isEqualTo(12L);
    }

    @Test
    void aNewInvitationOfAnAddressReplacesTheOldOneAndReplaysChangeNothing() {
        applyInvitations();
        projection.on(new TeamMemberInvitedEvent("t1", "i-grace-2", "grace@example.com", "Grace", null, "Grey",
                "bob", WEEK, WEEK.plus(Duration.ofDays(7))), 8);
        applyInvitations(); // a replay of the older events...
        projection.on(new TeamMemberInvitedEvent("t1", "i-grace-2", "grace@example.com", "Grace", null, "Grey",
                "bob", WEEK, WEEK.plus(Duration.ofDays(7))), 8); // ...then the newer one again

        assertThat(views.invitations("t1")).extracting(TeamViews.InvitationView::id)
                .containsExactlyInAnyOrder("i-newt", "i-grace-2");
    }

    @Test
    void aDeletedTeamTakesItsInvitationsAlong() {
        applyInvitations();
        projection.on(new TeamDeletedEvent("t1", "grey", T), 8);
        assertThat(views.invitations("t1")).isEmpty();
        assertThat(views.pendingInvitationsOf("grace@example.com", T)).isEmpty();
    }
}
