package io.wharf.identity.team.query;

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
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.statistics.api.CatalogueStatistics;
import io.wharf.identity.team.api.FindTeamInvitationQuery;
import io.wharf.identity.team.api.FindTeamQuery;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.TeamResponse;
import io.wharf.identity.team.api.TeamStatistics;
import io.wharf.identity.team.api.TeamUserResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Teams and their members as the team routes and users/me read them (a tracking processor). Upserts
 * and deletes by id only, times from the events: replaying changes nothing. Each team remembers the
 * last sequence number applied ({@code version}), which command endpoints wait for (read-your-writes).
 */
@Component
@ProcessingGroup(IdentityConfig.TEAM_VIEWS_GROUP)
class TeamViewProjection {

    private final TeamViews views;
    private final CatalogueStatistics catalogue;

    TeamViewProjection(TeamViews views, CatalogueStatistics catalogue) {
        this.views = views;
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(TeamCreatedEvent event, @SequenceNumber long sequence) {
        views.putTeam(event.teamId(), event.name(), event.slug(), event.createdAt());
        views.putMember(event.teamId(), event.ownerId(), TeamRole.OWNER, event.createdAt());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamRenamedEvent event, @SequenceNumber long sequence) {
        views.rename(event.teamId(), event.name(), event.slug());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamDeletedEvent event, @SequenceNumber long sequence) {
        views.delete(event.teamId());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamMemberJoinedEvent event, @SequenceNumber long sequence) {
        views.putMember(event.teamId(), event.userId(), event.role(), event.joinedAt());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamMemberRoleChangedEvent event, @SequenceNumber long sequence) {
        views.putMember(event.teamId(), event.userId(), event.role(), null);
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamOwnershipTransferredEvent event, @SequenceNumber long sequence) {
        views.putMember(event.teamId(), event.previousOwnerId(), TeamRole.ADMIN, null);
        views.putMember(event.teamId(), event.newOwnerId(), TeamRole.OWNER, null);
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamMemberRemovedEvent event, @SequenceNumber long sequence) {
        views.removeMember(event.teamId(), event.userId());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamMemberLeftEvent event, @SequenceNumber long sequence) {
        views.removeMember(event.teamId(), event.userId());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamMemberInvitedEvent event, @SequenceNumber long sequence) {
        String name = event.lastName() == null ? event.firstName() : event.firstName() + " " + event.lastName();
        views.putInvitation(event.invitationId(), event.teamId(), event.email(), name, event.invitedAt(),
                event.expiresAt());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamInvitationRenewedEvent event, @SequenceNumber long sequence) {
        views.renewInvitation(event.invitationId(), event.expiresAt());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamInvitationDeclinedEvent event, @SequenceNumber long sequence) {
        views.declineInvitation(event.invitationId());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamInvitationAcceptedEvent event, @SequenceNumber long sequence) {
        views.removeInvitation(event.invitationId());
        views.advance(event.teamId(), sequence);
    }

    @EventHandler
    void on(TeamInvitationRevokedEvent event, @SequenceNumber long sequence) {
        views.removeInvitation(event.invitationId());
        views.advance(event.teamId(), sequence);
    }

    @QueryHandler
    Long handle(FindTeamViewVersionQuery query) {
        return views.version(query.teamId());
    }

    @QueryHandler
    TeamResponse handle(FindTeamQuery query) {
        return views.find(query.teamId())
                .map(team -> new TeamResponse(TeamStatistics.of(views.userCount(team.id(), query.now()),
                        catalogue.of(team.id())),
                        team.id(), team.name(), team.slug()))
                .orElse(null);
    }

    @QueryHandler
    TeamUserResponse handle(FindTeamInvitationQuery query) {
        return views.invitation(query.teamId(), query.invitationId())
                .map(i -> TeamQueryController.invitationRow(i, query.now()))
                .orElse(null);
    }
}
