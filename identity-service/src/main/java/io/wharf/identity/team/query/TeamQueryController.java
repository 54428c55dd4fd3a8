package io.wharf.identity.team.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.security.WharfPrincipal;
import io.wharf.identity.config.Callers;
import io.wharf.identity.statistics.api.CatalogueStatistics;
import io.wharf.identity.team.api.MeResponse;
import io.wharf.identity.team.api.TeamDetailsResponse;
import io.wharf.identity.team.api.TeamResponse;
import io.wharf.identity.team.api.TeamStatistics;
import io.wharf.identity.team.api.TeamUserResponse;
import io.wharf.identity.user.query.UserView;
import io.wharf.identity.user.query.UserViews;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.identity.user.api.EmailAddresses;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Team reads and users/me, from the team and user views. Non-members get 404, never the team. */
@RestController
@Tag(name = "teams", description = "Teams, members and roles")
class TeamQueryController {

    static final String VERIFIED = "verified";

    private final TeamViews teams;
    private final UserViews users;
    private final CatalogueStatistics catalogue;
    private final Clock clock;

    TeamQueryController(TeamViews teams, UserViews users, CatalogueStatistics catalogue, Clock clock) {
        this.teams = teams;
        this.users = users;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** An invitation as a row of users[]: role {@code user}, no login yet, the invitation's id. */
    static TeamUserResponse invitationRow(TeamViews.InvitationView invitation, Instant now) {
        return new TeamUserResponse(TeamRole.USER.wire(), invitation.statusAt(now), invitation.email(), null,
                invitation.id(), invitation.name());
    }

    @GetMapping("/api/teams")
    @Operation(summary = "The caller's teams with statistics")
    @ApiResponse(responseCode = "200", description = "Teams")
    List<TeamResponse> list(@Parameter(hidden = true) WharfPrincipal caller) {
        Instant now = clock.instant();
        List<String> ids = teams.membershipsOf(userId(caller)).stream()
                .map(TeamViews.MemberView::teamId).toList();
        return teams.findAll(ids).stream()
                .map(t -> new TeamResponse(TeamStatistics.of(teams.userCount(t.id(), now), catalogue.of(t.id())), t.id(), t.name(),
                        t.slug()))
                .toList();
    }

    @GetMapping("/api/teams/{teamId}")
    @Operation(summary = "A team with its users")
    @ApiResponse(responseCode = "200", description = "The team")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such team, or the caller is not a member")
    TeamDetailsResponse details(@PathVariable UUID teamId, @Parameter(hidden = true) WharfPrincipal caller) {
        String id = teamId.toString();
        String userId = userId(caller);
        TeamViews.TeamView team = teams.find(id)
                .filter(t -> teams.roleOf(id, userId).isPresent())
                .orElseThrow(() -> new NotFoundException("Team not found."));
        List<TeamViews.MemberView> members = teams.members(id);
        Map<String, UserView> known = users.findAll(members.stream().map(TeamViews.MemberView::userId).toList());
        List<TeamUserResponse> people = new ArrayList<>(members.stream().map(m -> {
            UserView user = known.get(m.userId());
            return new TeamUserResponse(m.role().wire(), VERIFIED, user == null ? null : user.email(),
                    user == null ? null : user.lastLogin(), m.userId(), user == null ? null : user.name());
        }).toList());
        Instant now = clock.instant();
        List<TeamUserResponse> invited = teams.invitations(id).stream().map(i -> invitationRow(i, now)).toList();
        people.addAll(invited);
        long pending = invited.stream().filter(u -> u.status().equals("pending")).count();
        return new TeamDetailsResponse(TeamStatistics.of(members.size() + pending, catalogue.of(id)), team.id(), team.name(),
                team.slug(), people);
    }

    @PostMapping("/api/users/me")
    @Operation(summary = "The caller, their teams and pending invitations")
    @ApiResponse(responseCode = "200", description = "The caller")
    MeResponse me(@Parameter(hidden = true) WharfPrincipal caller) {
        String userId = userId(caller);
        Optional<UserView> me = users.find(userId);
        String name = me.map(UserView::name).orElse(caller.email());
        List<TeamViews.MemberView> memberships = teams.membershipsOf(userId);
        Map<String, TeamViews.TeamView> byId = teams.findAll(memberships.stream().map(TeamViews.MemberView::teamId)
                .toList()).stream().collect(Collectors.toMap(TeamViews.TeamView::id, Function.identity()));
        List<MeResponse.Team> mine = memberships.stream().filter(m -> byId.containsKey(m.teamId()))
                .map(m -> {
                    TeamViews.TeamView t = byId.get(m.teamId());
                    return new MeResponse.Team(m.role().wire(), t.id(), t.name(), t.slug());
                }).toList();
        String email = EmailAddresses.normalize(me.map(UserView::email).orElse(caller.email()));
        List<MeResponse.Invitation> invitations = email == null ? List.of() : invitationsOf(email, userId);
        return new MeResponse(new MeResponse.User(userId, name), mine, invitations);
    }

    /** The caller's invitations that can still be accepted, of teams that still exist and they are not in. */
    private List<MeResponse.Invitation> invitationsOf(String email, String userId) {
        List<TeamViews.InvitationView> pending = teams.pendingInvitationsOf(email, clock.instant());
        return teams.findAll(pending.stream().map(TeamViews.InvitationView::teamId).distinct().toList()).stream()
                .filter(t -> teams.roleOf(t.id(), userId).isEmpty())
                .map(t -> new MeResponse.Invitation(t.id(), t.name(), t.slug()))
                .toList();
    }

    /** Team reads act for a user; a deployment token has none (403 FORBIDDEN_SCOPE). */
    private static String userId(WharfPrincipal caller) {
        return Callers.userOf(caller, "This credential acts for no user.");
    }

    @GetMapping("/api/users/me")
    @Operation(summary = "The caller, their teams and pending invitations (GET form)")
    @ApiResponse(responseCode = "200", description = "The caller")
    MeResponse meByGet(@Parameter(hidden = true) WharfPrincipal caller) {
        return me(caller);
    }
}
