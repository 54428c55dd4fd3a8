package io.wharf.identity.team.command;

import io.wharf.common.metadata.IdempotentIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.identity.team.api.ChangeMemberRoleCommand;
import io.wharf.identity.team.api.CreateTeamCommand;
import io.wharf.identity.team.api.DeleteTeamCommand;
import io.wharf.common.axon.ViewWait;
import io.wharf.identity.team.api.FindTeamQuery;
import io.wharf.identity.team.api.FindTeamViewVersionQuery;
import io.wharf.identity.team.api.LeaveTeamCommand;
import io.wharf.identity.team.api.RemoveMemberCommand;
import io.wharf.identity.team.api.RenameTeamCommand;
import io.wharf.identity.team.api.TeamResponse;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The team commands of seed 003. The caller is the first parameter, so an anonymous request is 401
 * before its body is looked at. Every rule is the Team aggregate's; this only turns requests into
 * commands, and waits until the team views have applied the command's events before answering, so
 * the 201 body (read from the view) and the caller's next reads show the change.
 */
@RestController
@RequestMapping("/api/teams")
@Tag(name = "teams", description = "Teams, members and roles")
class TeamController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ViewWait views;
    private final Clock clock;

    TeamController(CommandGateway commands, QueryGateway queries, ViewWait views, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.clock = clock;
    }

    /** Sends the command, then waits until the team views show it (read-your-writes, DESIGN §2). */
    private void send(String teamId, Object command) {
        commands.sendAndWait(command);
        views.awaitView(teamId, new FindTeamViewVersionQuery(teamId));
    }

    @PostMapping
    @Operation(summary = "Create a team", description = "The caller becomes its owner.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: name 1-70, slug 3-16 of a-z0-9-")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name or slug taken (field)")
    ResponseEntity<TeamResponse> create(@Parameter(hidden = true) WharfPrincipal caller,
            @Valid @RequestBody TeamRequest request) {
        String teamId = IdempotentIds.newId();
        send(teamId, new CreateTeamCommand(teamId, request.name(), request.slug(), userId(caller), clock.instant()));
        TeamResponse body = queries.query(new FindTeamQuery(teamId, clock.instant()), ResponseTypes.instanceOf(TeamResponse.class))
                .join();
        return ResponseEntity.created(URI.create("/api/teams/" + teamId)).body(body);
    }

    @PutMapping("/{teamId}")
    @Operation(summary = "Rename a team (name and slug)", description = "Admin or owner.")
    @ApiResponse(responseCode = "204", description = "Renamed")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: a plain user")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or not a member")
    @ApiResponse(responseCode = "409", description = "CONFLICT: name or slug taken")
    ResponseEntity<Void> rename(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID teamId,
            @Valid @RequestBody TeamRequest request) {
        send(teamId.toString(), new RenameTeamCommand(teamId.toString(), userId(caller), request.name(), request.slug()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{teamId}")
    @Operation(summary = "Delete a team", description = "Owner only; every service deletes the team's resources.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE: not the owner")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    ResponseEntity<Void> delete(@PathVariable UUID teamId, @Parameter(hidden = true) WharfPrincipal caller) {
        send(teamId.toString(), new DeleteTeamCommand(teamId.toString(), userId(caller), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{teamId}/users/{userId}/role")
    @Operation(summary = "Change a member's role",
            description = "Admins change roles of non-owners; only the owner grants admin or transfers ownership "
                    + "(role owner: the old owner becomes admin).")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: unknown role")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: team, or user not a member")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the owner demoting themselves")
    ResponseEntity<Void> changeRole(@Parameter(hidden = true) WharfPrincipal caller, @PathVariable UUID teamId,
            @PathVariable UUID userId, @Valid @RequestBody RoleRequest request) {
        send(teamId.toString(), new ChangeMemberRoleCommand(teamId.toString(), userId(caller), userId.toString(),
                request.role()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{teamId}/users/leave")
    @Operation(summary = "Leave a team", description = "Any member but the owner.")
    @ApiResponse(responseCode = "204", description = "Left")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the owner")
    ResponseEntity<Void> leave(@PathVariable UUID teamId, @Parameter(hidden = true) WharfPrincipal caller) {
        send(teamId.toString(), new LeaveTeamCommand(teamId.toString(), userId(caller)));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{teamId}/users/{userId}")
    @Operation(summary = "Remove a member", description = "Admin or owner; the owner cannot be removed.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN_ROLE")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the owner")
    ResponseEntity<Void> remove(@PathVariable UUID teamId, @PathVariable UUID userId,
            @Parameter(hidden = true) WharfPrincipal caller) {
        send(teamId.toString(), new RemoveMemberCommand(teamId.toString(), userId(caller), userId.toString()));
        return ResponseEntity.noContent().build();
    }

    /** Team routes act for a user; a deployment token has none. */
    static String userId(WharfPrincipal caller) {
        return Callers.userOf(caller, "This credential cannot act on teams.");
    }
}
