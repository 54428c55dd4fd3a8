package io.wharf.common.access;

import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.security.WharfPrincipal;
import java.util.Optional;

/**
 * The authorisation of team routes (SPEC §1.4) from the service's own {@link MembershipReplica}:
 * <pre>{@code
 * @PostMapping("/api/{teamSlug}/registries")
 * ResponseEntity<...> create(@PathVariable String teamSlug, WharfPrincipal caller, ...) {
 *     String teamId = access.require(caller, teamSlug, TeamRole.ADMIN);
 *     ...
 * }
 * }</pre>
 * An unknown slug and a team the caller is not a member of answer the same 404 (no existence
 * oracle); a member whose role is too low gets 403 FORBIDDEN_ROLE. On success the team id also goes
 * into the request context, so the commands sent afterwards carry {@code teamId} in their metadata.
 *
 * <p>When the replica misses (unknown slug, or the caller is not a member there) and the service knows
 * identity's URL, the answer is identity's ({@link IdentityMembershipClient}: bounded, circuit-broken;
 * why in its comment): the replica lags identity by the time an event takes through Kafka, and a user
 * who just created, renamed or joined a team must be let in at once. A replica hit never asks.
 */
public final class TeamAccess {

    static final String NOT_FOUND = "Team not found.";

    private final MembershipReplica replica;
    private final IdentityMembershipClient identity;

    /** From the replica alone. */
    public TeamAccess(MembershipReplica replica) {
        this(replica, null);
    }

    /** From the replica, and from identity when the replica misses ({@code identity} may be null). */
    public TeamAccess(MembershipReplica replica, IdentityMembershipClient identity) {
        this.replica = replica;
        this.identity = identity;
    }

    /**
     * @return the id of the team {@code teamSlug}, when {@code caller} is a member with at least {@code required}
     * @throws NotFoundException      unknown slug, deleted team, or the caller is not a member
     * @throws ForbiddenRoleException a member whose role is below {@code required}
     * @throws ForbiddenScopeException a credential that acts for no user (a deployment token)
     */
    public String require(WharfPrincipal caller, String teamSlug, TeamRole required) {
        if (caller == null || !caller.actsForUser()) {
            throw new ForbiddenScopeException("This credential cannot act on team resources.");
        }
        Membership membership = membership(caller, teamSlug).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        String teamId = membership.teamId();
        if (!membership.role().atLeast(required)) {
            throw new ForbiddenRoleException("This action needs the " + required.wire() + " role in the team.",
                    null, "Ask an owner or admin of the team.");
        }
        CurrentRequest.get().ifPresent(request -> CurrentRequest.set(request.withTeamId(teamId)));
        return teamId;
    }

    /** The caller's role in the team {@code teamSlug}, empty when not a member (or no such team). */
    public Optional<TeamRole> roleIn(WharfPrincipal caller, String teamSlug) {
        if (caller == null || !caller.actsForUser()) {
            return Optional.empty();
        }
        return membership(caller, teamSlug).map(Membership::role);
    }

    /** The replica's answer; on a miss, identity's (when configured). */
    private Optional<Membership> membership(WharfPrincipal caller, String teamSlug) {
        Optional<String> teamId = replica.teamIdBySlug(teamSlug);
        Optional<TeamRole> role = teamId.flatMap(id -> replica.roleOf(id, caller.userId()));
        if (role.isPresent()) {
            return Optional.of(new Membership(teamId.get(), role.get()));
        }
        return identity == null ? Optional.empty() : identity.membership(caller, teamSlug);
    }
}
