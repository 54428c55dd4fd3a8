package io.wharf.identity.team.query;

import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.config.IdentityConfig;
import io.wharf.identity.team.api.FindTeamQuery;
import io.wharf.identity.team.api.TeamResponse;
import io.wharf.identity.team.api.TeamStatistics;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Teams and their members as the team routes and users/me read them. Upserts and deletes by id
 * only, times from the events: replaying changes nothing.
 */
@Component
@ProcessingGroup(IdentityConfig.TEAM_VIEWS_GROUP)
class TeamViewProjection {

    private final TeamViews views;

    TeamViewProjection(TeamViews views) {
        this.views = views;
    }

    @EventHandler
    void on(TeamCreatedEvent event) {
        views.putTeam(event.teamId(), event.name(), event.slug(), event.createdAt());
        views.putMember(event.teamId(), event.ownerId(), TeamRole.OWNER, event.createdAt());
    }

    @EventHandler
    void on(TeamRenamedEvent event) {
        views.rename(event.teamId(), event.name(), event.slug());
    }

    @EventHandler
    void on(TeamDeletedEvent event) {
        views.delete(event.teamId());
    }

    @EventHandler
    void on(TeamMemberJoinedEvent event) {
        views.putMember(event.teamId(), event.userId(), event.role(), event.joinedAt());
    }

    @EventHandler
    void on(TeamMemberRoleChangedEvent event) {
        views.putMember(event.teamId(), event.userId(), event.role(), null);
    }

    @EventHandler
    void on(TeamOwnershipTransferredEvent event) {
        views.putMember(event.teamId(), event.previousOwnerId(), TeamRole.ADMIN, null);
        views.putMember(event.teamId(), event.newOwnerId(), TeamRole.OWNER, null);
    }

    @EventHandler
    void on(TeamMemberRemovedEvent event) {
        views.removeMember(event.teamId(), event.userId());
    }

    @EventHandler
    void on(TeamMemberLeftEvent event) {
        views.removeMember(event.teamId(), event.userId());
    }

    @QueryHandler
    TeamResponse handle(FindTeamQuery query) {
        return views.find(query.teamId())
                .map(team -> new TeamResponse(TeamStatistics.ofUsers(views.memberCount(team.id())), team.id(),
                        team.name(), team.slug()))
                .orElse(null);
    }
}
