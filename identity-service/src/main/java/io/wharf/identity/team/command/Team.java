package io.wharf.identity.team.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.wharf.common.error.ConflictException;
import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.error.PreconditionFailedException;
import io.wharf.common.error.RateLimitedException;
import io.wharf.common.error.ValidationException;
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
import io.wharf.identity.team.api.AcceptInvitationCommand;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import io.wharf.identity.team.api.CreateTeamCommand;
import io.wharf.identity.team.api.DeclineInvitationCommand;
import io.wharf.identity.team.api.DeleteTeamCommand;
import io.wharf.identity.team.api.InviteMemberCommand;
import io.wharf.identity.team.api.LeaveTeamCommand;
import io.wharf.identity.team.api.ReinviteMemberCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.team.api.RenameTeamCommand;
import io.wharf.identity.user.api.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *
 * <p>Invitations live here too (not in an aggregate of their own): whether an address may be invited
 * depends on the members and roles of this team, and accepting must turn the invitation into a
 * membership atomically, so both facts are decided by one aggregate in one unit of work. Which
 * registered user owns an e-mail spans users: {@link UserDirectory} (the write-side e-mail lookup).
 * Expiry needs no event: an invitation is expired once the command's time reaches {@code expiresAt}.
 */
@Aggregate
class Team {

    static final String TEAM_NOT_FOUND = "Team not found.";
    static final String USER_NOT_FOUND = "User not found in the team.";
    static final String INVITATION_NOT_FOUND = "Invitation not found.";
    /** Between two invitation mails to one address (SPEC is silent: docs/identity-service.md). */
    static final Duration REINVITE_COOLDOWN = Duration.ofSeconds(60);
    /** SPEC §2: an invitation can be accepted for 7 days (dyrector's TEAM_INVITATION_EXPIRATION). */
    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    @AggregateIdentifier
    private String teamId;
    private String name;
    private String slug;
    private final Map<String, TeamRole> members = new HashMap<>();
    /** Open invitations by id (pending, or declined: kept so a reinvite can be refused). */
    private final Map<String, Invitation> invitations = new HashMap<>();
    /** When each address was last sent an invitation mail (invite or reinvite): the cooldown's start. */
    private final Map<String, Instant> lastMailedAt = new HashMap<>();

    private enum InvitationStatus { PENDING, DECLINED }

    private record Invitation(String id, String email, String firstName, InvitationStatus status, Instant expiresAt) {
        boolean openAt(Instant now) {
            return status == InvitationStatus.PENDING && now.isBefore(expiresAt);
        }
    }

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
        Invitation invitation = invitations.get(command.userId());
        if (invitation != null && !members.containsKey(command.userId())) {
            // dyrector's remove takes a member or an invitation (users[] lists both)
            apply(new TeamInvitationRevokedEvent(teamId, invitation.id(), invitation.email()));
            return;
        }
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
    void handle(InviteMemberCommand command, UserDirectory directory) {
        TeamRole actor = requireMember(command.actorId());
        String email = TeamRules.requireEmail(command.email());
        String firstName = TeamRules.requirePersonName(command.firstName(), "firstName", true);
        String lastName = TeamRules.requirePersonName(command.lastName(), "lastName", false);
        requireAtLeast(actor, TeamRole.ADMIN, "Only an admin or the owner can invite.");
        Optional<String> invitee = directory.findUserId(email);
        if (invitee.filter(command.actorId()::equals).isPresent()) {
            throw new ValidationException("You cannot invite yourself.", "email",
                    "You are already a member of this team; invite someone else.");
        }
        if (invitee.filter(members::containsKey).isPresent()) {
            throw new ConflictException("This user is already a member of the team.", "email", null);
        }
        Invitation sameId = invitations.get(command.invitationId());
        if (sameId != null && !sameId.email().equals(email)) {
            // Ids come from the request's Idempotency-Key (and its generation): never let one invitation
            // silently take another address's place.
            throw new ConflictException("This request already invited another address.", null,
                    "Send the invitation with a new Idempotency-Key.");
        }
        if (invitationOf(email).filter(i -> i.openAt(command.invitedAt())).isPresent()) {
            throw new ConflictException("This e-mail is already invited to the team.", "email",
                    "Send the invitation again with reinvite.");
        }
        // An expired or declined invitation of the address is replaced by this one (an explicit new invite).
        requireCooledDown(email, command.invitedAt());
        apply(new TeamMemberInvitedEvent(teamId, command.invitationId(), email, firstName, lastName, name,
                command.actorId(), command.invitedAt(), command.invitedAt().plus(INVITATION_LIFETIME)));
    }

    @CommandHandler
    void handle(ReinviteMemberCommand command) {
        TeamRole actor = requireMember(command.actorId());
        requireAtLeast(actor, TeamRole.ADMIN, "Only an admin or the owner can invite.");
        Invitation invitation = invitations.get(command.invitationId());
        if (invitation == null) {
            throw new NotFoundException(USER_NOT_FOUND);
        }
        if (invitation.status() == InvitationStatus.DECLINED) {
            throw new PreconditionFailedException("The invitation was declined.", null,
                    "Remove the declined invitation and invite the address again.");
        }
        requireCooledDown(invitation.email(), command.renewedAt());
        apply(new TeamInvitationRenewedEvent(teamId, invitation.id(), invitation.email(), invitation.firstName(), name,
                command.actorId(), command.renewedAt(), command.renewedAt().plus(INVITATION_LIFETIME)));
    }

    @CommandHandler
    void handle(AcceptInvitationCommand command, UserDirectory directory) {
        Invitation invitation = callersInvitation(command.userId(), command.email(), directory);
        if (members.containsKey(command.userId())) {
            throw new ConflictException("You are already a member of the team.");
        }
        if (invitation.status() == InvitationStatus.DECLINED) {
            throw new PreconditionFailedException("The invitation was declined.", null,
                    "Ask an admin of the team to invite you again.");
        }
        if (!invitation.openAt(command.acceptedAt())) {
            throw new PreconditionFailedException("Invitation link is expired.", null,
                    "Ask an admin of the team to invite you again.");
        }
        apply(new TeamInvitationAcceptedEvent(teamId, invitation.id(), invitation.email(), command.userId(),
                command.acceptedAt()));
        apply(new TeamMemberJoinedEvent(teamId, command.userId(), TeamRole.USER, command.acceptedAt()));
    }

    @CommandHandler
    void handle(DeclineInvitationCommand command, UserDirectory directory) {
        Invitation invitation = callersInvitation(command.userId(), command.email(), directory);
        if (invitation.status() == InvitationStatus.DECLINED) {
            return; // declined already: nothing changes
        }
        apply(new TeamInvitationDeclinedEvent(teamId, invitation.id(), invitation.email(), command.userId(),
                command.declinedAt()));
    }

    /**
     * The invitation of the caller's address. The address must be the caller's own registered one,
     * so nobody accepts or declines another person's invitation (404, like no invitation at all).
     */
    private Invitation callersInvitation(String userId, String email, UserDirectory directory) {
        String normalized = TeamRules.normalizeEmail(email);
        boolean own = userId != null && normalized != null
                && directory.findUserId(normalized).filter(userId::equals).isPresent();
        if (!own) {
            throw new NotFoundException(INVITATION_NOT_FOUND);
        }
        return invitationOf(normalized).orElseThrow(() -> new NotFoundException(INVITATION_NOT_FOUND));
    }

    /**
     * At most one invitation mail per address and team every {@link #REINVITE_COOLDOWN}: reinvite (and a
     * new invite replacing a declined or expired one) would otherwise let an admin flood an inbox with
     * mail from this server. 429 RATE_LIMITED with Retry-After (SPEC §1.2: "over the limit").
     */
    private void requireCooledDown(String email, Instant now) {
        Instant last = lastMailedAt.get(email);
        if (last != null && now.isBefore(last.plus(REINVITE_COOLDOWN))) {
            long seconds = (Duration.between(now, last.plus(REINVITE_COOLDOWN)).toMillis() + 999) / 1000; // rounded up
            throw new RateLimitedException("This address was sent an invitation less than "
                    + REINVITE_COOLDOWN.toSeconds() + " seconds ago.", "Try again after Retry-After seconds.", seconds);
        }
    }

    private Optional<Invitation> invitationOf(String email) {
        return invitations.values().stream().filter(i -> Objects.equals(i.email(), email)).findFirst();
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

    @EventSourcingHandler
    void on(TeamMemberInvitedEvent event) {
        lastMailedAt.put(event.email(), event.invitedAt());
        invitations.values().removeIf(i -> i.email().equals(event.email()));
        invitations.put(event.invitationId(), new Invitation(event.invitationId(), event.email(), event.firstName(),
                InvitationStatus.PENDING, event.expiresAt()));
    }

    @EventSourcingHandler
    void on(TeamInvitationRenewedEvent event) {
        lastMailedAt.put(event.email(), event.renewedAt());
        invitations.computeIfPresent(event.invitationId(), (id, i) -> new Invitation(id, i.email(), i.firstName(),
                InvitationStatus.PENDING, event.expiresAt()));
    }

    @EventSourcingHandler
    void on(TeamInvitationDeclinedEvent event) {
        invitations.computeIfPresent(event.invitationId(), (id, i) -> new Invitation(id, i.email(), i.firstName(),
                InvitationStatus.DECLINED, i.expiresAt()));
    }

    @EventSourcingHandler
    void on(TeamInvitationAcceptedEvent event) {
        invitations.remove(event.invitationId());
    }

    @EventSourcingHandler
    void on(TeamInvitationRevokedEvent event) {
        invitations.remove(event.invitationId());
    }
}
