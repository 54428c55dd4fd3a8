package io.wharf.identity.team.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.common.axon.ViewWait;
import io.wharf.identity.team.api.AcceptInvitationCommand;
import io.wharf.identity.team.api.DeclineInvitationCommand;
import io.wharf.identity.team.api.FindTeamInvitationQuery;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.InviteMemberCommand;
import io.wharf.identity.team.api.ReinviteMemberCommand;
import io.wharf.identity.team.api.TeamUserResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations (seed 003): invite and reinvite under {@code /api/teams/{teamId}/users}, accept and
 * decline under {@code /api/users/me/invitations/{teamId}}. Every rule is the Team aggregate's; the
 * times come from the injectable {@link Clock}. Like the other team commands, answers wait until the
 * team views show the change (read-your-writes). The e-mail goes out asynchronously
 * ({@code io.wharf.identity.mail}): a command never waits for, or fails because of, SMTP.
 */
@RestController
@Tag(name = "teams", description = "Teams, members and roles")
class InvitationController {

    private static final String REFUSAL = "This credential cannot act on teams.";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewWait views;
    private final Clock clock;

    InvitationController(CommandGateway commands, QueryGateway queries, ViewWait views, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.clock = clock;
    }

    private void send(String teamId, Object command) {
        commands.sendAndWait(command);
        views.awaitView(teamId, new FindTeamViewVersionQuery(teamId));
    }

    @PostMapping("/api/teams/{teamId}/users")
    @Operation(summary = "Invite a user to the team",
            description = "Admin or owner. The invitation is pending for 7 days; an e-mail with the accept link is sent.")
    @ApiResponse(responseCode = "201", description = "Invited: the user row with status pending")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: email, firstName, lastName (field); inviting yourself")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: a plain user")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or not a member")
    @ApiResponse(responseCode = "409", description = "CONFLICT: already a member or already invited (field email)")
    ResponseEntity<TeamUserResponse> invite(@Parameter(hidden = true) WharfPrincipal caller,
            @PathVariable UUID teamId, @Valid @RequestBody InviteRequest request) {
        String team = teamId.toString();
        String invitationId = IdempotentIds.newId();
        send(team, new InviteMemberCommand(team, invitationId, Callers.userOf(caller, REFUSAL), request.email(),
                request.firstName(), request.lastName(), clock.instant()));
        TeamUserResponse body = queries.query(new FindTeamInvitationQuery(team, invitationId, clock.instant()),
                ResponseTypes.instanceOf(TeamUserResponse.class)).join();
        return ResponseEntity.created(URI.create("/api/teams/" + team)).body(body);
    }

    @PostMapping("/api/teams/{teamId}/users/{userId}/reinvite")
    @Operation(summary = "Send a pending or expired invitation again",
            description = "Admin or owner; {userId} is the invitation's id (users[].id). A new 7-day window and a new e-mail.")
    @ApiResponse(responseCode = "204", description = "New invite link sent")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: team, or no such invitation")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the invitation was declined")
    ResponseEntity<Void> reinvite(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID teamId,
            @PathVariable UUID userId) {
        send(teamId.toString(), new ReinviteMemberCommand(teamId.toString(), Callers.userOf(caller, REFUSAL),
                userId.toString(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/users/me/invitations/{teamId}")
    @Operation(summary = "Accept an invitation", description = "The caller joins the team with role user.")
    @ApiResponse(responseCode = "204", description = "Accepted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no invitation for the caller")
    @ApiResponse(responseCode = "409", description = "CONFLICT: already a member")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: expired (7 days) or declined")
    ResponseEntity<Void> accept(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID teamId) {
        send(teamId.toString(), new AcceptInvitationCommand(teamId.toString(), Callers.userOf(caller, REFUSAL),
                caller.email(), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/users/me/invitations/{teamId}")
    @Operation(summary = "Decline an invitation", description = "The invitation stays listed as declined.")
    @ApiResponse(responseCode = "204", description = "Declined")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no invitation for the caller")
    ResponseEntity<Void> decline(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID teamId) {
        send(teamId.toString(), new DeclineInvitationCommand(teamId.toString(), Callers.userOf(caller, REFUSAL),
                caller.email(), clock.instant()));
        return ResponseEntity.noContent().build();
    }
}
