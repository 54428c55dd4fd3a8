package io.wharf.identity.team.query;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.security.WharfPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one synchronous question other services may ask identity (DESIGN §4's exception, the reasons
 * in common's {@code io.wharf.common.access.IdentityMembershipClient}): "is this caller a member of
 * the team with this slug, and with which role?", asked only when their membership replica misses,
 * so a user who just created, renamed or joined a team is let in at once.
 *
 * <p>Not a public route: the gateway routes no {@code /internal/**} path (and strips inbound
 * {@code X-Wharf-*} headers), and the request must carry a valid internal assertion (the shared
 * secret) whose subject is the user asked about: a service asks about the caller it serves, never
 * about anybody else (else 404, like a non-member). Answers come from the team views, which every
 * team command waits for before it answers its caller (read-your-writes), so they already show what
 * that caller just did.
 */
@RestController
@Hidden
class InternalMembershipController {

    /** Same words as common's TeamAccess, so nothing tells a stranger from an unknown slug. */
    static final String NOT_FOUND = "Team not found.";

    private final TeamViews teams;

    InternalMembershipController(TeamViews teams) {
        this.teams = teams;
    }

    /** {@code {teamId, role}} of the asked membership. */
    record MembershipResponse(String teamId, String role) {
    }

    @GetMapping("/internal/teams/by-slug/{slug}/members/{userId}")
    @Operation(summary = "A caller's membership of a team, by slug (services only)",
            description = "Asked by a service whose membership replica has not caught up yet.")
    @ApiResponse(responseCode = "200", description = "{teamId, role}")
    @ApiResponse(responseCode = "401", description = "UNAUTHORIZED: no valid internal assertion")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: unknown slug, not a member, or another user")
    MembershipResponse membership(@PathVariable String slug, @PathVariable String userId,
            @Parameter(hidden = true) WharfPrincipal caller) {
        String user = userId;
        if (!caller.actsForUser() || !user.equals(caller.userId())) { // a deployment token is no member
            throw new NotFoundException(NOT_FOUND);
        }
        TeamViews.TeamView team = teams.findBySlug(slug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        return teams.roleOf(team.id(), user).map(role -> new MembershipResponse(team.id(), role.wire()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }
}
