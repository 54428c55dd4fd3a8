package io.wharf.identity.team.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.events.identity.TeamCreatedEvent;
import io.wharf.common.events.identity.TeamDeletedEvent;
import io.wharf.common.events.identity.TeamMemberJoinedEvent;
import io.wharf.common.events.identity.TeamMemberLeftEvent;
import io.wharf.common.events.identity.TeamMemberRemovedEvent;
import io.wharf.common.events.identity.TeamMemberRoleChangedEvent;
import io.wharf.common.events.identity.TeamOwnershipTransferredEvent;
import io.wharf.common.events.identity.TeamRenamedEvent;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.team.api.AddTeamMemberCommand;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import io.wharf.identity.team.api.CreateTeamCommand;
import io.wharf.identity.team.api.DeleteTeamCommand;
import io.wharf.identity.team.api.LeaveTeamCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.team.api.RenameTeamCommand;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A team and its members with their roles: every rule of SPEC §1.4 and §2 that concerns one team.
 * The order of checks never leaks existence: a caller who is not a member gets 404 before anything
 * else is looked at; then the request's shape (400); then the caller's role (403); then the target
 * (404) and state rules (412). Name and slug uniqueness span teams: {@link TeamNameLookup}.
 */
@Aggregate
class Team {

    static final String TEAM_NOT_FOUND = "Team not found.";
    static final String USER_NOT_FOUND = "User not found in the team.";

    @AggregateIdentifier
    private String teamId;
    private String name;
    private String slug;
    private final Map<String, TeamRole> members = new HashMap<>();

    protected Team() {
        // for Axon
    }

    @CommandHandler
    Team(CreateTeamCommand command, TeamNameLookup names, UnitOfWork<?> unitOfWork) {
        String newName = TeamRules.requireName(command.name());
        String newSlug = TeamRules.requireSlug(command.slug());
        claim(names, unitOfWork, command.teamId(), newSlug, newName);
        apply(new TeamCreatedEvent(command.teamId(), newName, newSlug, command.ownerId(), command.createdAt()));
    }

    @CommandHandler
    void handle(RenameTeamCommand command, TeamNameLookup names, UnitOfWork<?> unitOfWork) {
        TeamRole actor = requireMember(command.actorId());
        String newName = TeamRules.requireName(command.name());
        String newSlug = TeamRules.requireSlug(command.slug());
        requireAtLeast(actor, TeamRole.ADMIN, "Only an admin or the owner can rename the team.");
        if (newName.equals(name) && newSlug.equals(slug)) {
            return;
        }
        claim(names, unitOfWork, teamId, newSlug, newName);
        apply(new TeamRenamedEvent(teamId, newName, newSlug));
    }

    @CommandHandler
    void handle(DeleteTeamCommand command) {
        TeamRole actor = requireMember(command.actorId());
        requireAtLeast(actor, TeamRole.OWNER, "Only the owner can delete the team.");
        apply(new TeamDeletedEvent(teamId, slug, command.deletedAt()));
    }

    @CommandHandler
    void handle(ChangeMemberRoleCommand command) {
        TeamRole actor = requireMember(command.actorId());
        TeamRole wanted = TeamRules.requireRole(command.role());
        requireAtLeast(actor, TeamRole.ADMIN, "Only an admin or the owner can change roles.");
        TeamRole current = requireTarget(command.userId());
        if (current == wanted) {
            return; // nothing changes (also the owner "made owner" again)
        }
        if (current == TeamRole.OWNER) {
            if (actor == TeamRole.OWNER) {
                throw new PreconditionFailedException("A team always has exactly one owner.", "role",
                        "Make another member the owner; you become an admin.");
            }
            throw new ForbiddenRoleException("Only the owner can change the owner's role.");
        }
        switch (wanted) {
            case OWNER -> {
                requireAtLeast(actor, TeamRole.OWNER, "Only the owner can transfer ownership.");
                apply(new TeamOwnershipTransferredEvent(teamId, command.actorId(), command.userId()));
            }
            case ADMIN -> {
                requireAtLeast(actor, TeamRole.OWNER, "Only the owner can grant the admin role.");
                apply(new TeamMemberRoleChangedEvent(teamId, command.userId(), current, wanted));
            }
            case USER -> apply(new TeamMemberRoleChangedEvent(teamId, command.userId(), current, wanted));
        }
    }

    @CommandHandler
    void handle(RemoveMemberCommand command) {
        TeamRole actor = requireMember(command.actorId());
        requireAtLeast(actor, TeamRole.ADMIN, "Only an admin or the owner can remove members.");
        if (requireTarget(command.userId()) == TeamRole.OWNER) {
            throw new PreconditionFailedException("The owner cannot be removed from the team.", null,
                    "The owner can transfer ownership first.");
        }
        apply(new TeamMemberRemovedEvent(teamId, command.userId()));
    }

    @CommandHandler
    void handle(LeaveTeamCommand command) {
        if (requireMember(command.actorId()) == TeamRole.OWNER) {
            throw new PreconditionFailedException("The owner cannot leave the team.", null,
                    "Transfer ownership to another member first, or delete the team.");
        }
        apply(new TeamMemberLeftEvent(teamId, command.actorId()));
    }

    @CommandHandler
    void handle(AddTeamMemberCommand command) {
        if (members.containsKey(command.userId())) {
            throw new ConflictException("The user is already a member of the team.");
        }
        apply(new TeamMemberJoinedEvent(teamId, command.userId(), TeamRole.USER, command.joinedAt()));
    }

    /** Claims slug and name; gives back what this command claimed if it fails. */
    private static void claim(TeamNameLookup names, UnitOfWork<?> unitOfWork, String teamId, String slug, String name) {
        if (names.claim(TeamNameLookup.Kind.SLUG, slug, teamId)) {
            unitOfWork.onRollback(u -> names.release(TeamNameLookup.Kind.SLUG, slug, teamId));
        }
        if (names.claim(TeamNameLookup.Kind.NAME, name, teamId)) {
            unitOfWork.onRollback(u -> names.release(TeamNameLookup.Kind.NAME, name, teamId));
        }
    }

    /** The caller's role; a non-member learns nothing about the team (404). */
    private TeamRole requireMember(String userId) {
        TeamRole role = userId == null ? null : members.get(userId);
        if (role == null) {
            throw new NotFoundException(TEAM_NOT_FOUND);
        }
        return role;
    }

    private TeamRole requireTarget(String userId) {
        TeamRole role = members.get(userId);
        if (role == null) {
            throw new NotFoundException(USER_NOT_FOUND);
        }
        return role;
    }

    private static void requireAtLeast(TeamRole actor, TeamRole required, String message) {
        if (!actor.atLeast(required)) {
            throw new ForbiddenRoleException(message, null, "Ask an admin or the owner of the team.");
        }
    }

    @EventSourcingHandler
    void on(TeamCreatedEvent event) {
        teamId = event.teamId();
        name = event.name();
        slug = event.slug();
        members.put(event.ownerId(), TeamRole.OWNER);
    }

    @EventSourcingHandler
    void on(TeamRenamedEvent event) {
        name = event.name();
        slug = event.slug();
    }

    @EventSourcingHandler
    void on(TeamDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(TeamMemberJoinedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(TeamMemberRoleChangedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(TeamOwnershipTransferredEvent event) {
        members.put(event.previousOwnerId(), TeamRole.ADMIN);
        members.put(event.newOwnerId(), TeamRole.OWNER);
    }

    @EventSourcingHandler
    void on(TeamMemberRemovedEvent event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(TeamMemberLeftEvent event) {
        members.remove(event.userId());
    }
}
