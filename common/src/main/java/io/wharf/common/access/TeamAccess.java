package io.wharf.common.access;

import io.wharf.common.error.ForbiddenRoleException;
import io.wharf.common.error.ForbiddenScopeException;
import io.wharf.common.error.NotFoundException;
import io.wharf.common.events.identity.TeamRole;
import io.wharf.common.metadata.CurrentRequest;
import io.wharf.common.security.WharfPrincipal;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

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
 * identity's URL, the answer is identity's ({@link IdentityMembershipClient}: bounded, circuit-broken,
 * strangers' answers remembered briefly; why in its comment): the replica lags identity by the time an
 * event takes through Kafka, and a user who just created, renamed or joined a team must be let in at
 * once. A replica hit never asks, except when its role is too low for {@code require}: then identity
 * is asked once before the 403, so a promotion is read-your-writes too.
 *
 * <p>One request asks at most once per team and caller: {@link TeamMembershipGate} and the
 * controller's {@code require} both judge the same request, and the first answer is kept in the
 * request's attributes (Spring's {@link RequestContextHolder}; outside a web request nothing is kept).
 */
public final class TeamAccess {

    static final String NOT_FOUND = "Team not found.";
    /** Request attribute prefix of a memoised answer ({@code prefix + slug + '\n' + userId}). */
    static final String MEMO = TeamAccess.class.getName() + ".answer:";

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
     * @throws ForbiddenScopeException a credential that acts for no user (a deployment token, even with its
     *                                 creator's id as {@code userId}: {@link WharfPrincipal#actsForUser()})
     */
    public String require(WharfPrincipal caller, String teamSlug, TeamRole required) {
        if (caller == null || !caller.actsForUser()) {
            throw new ForbiddenScopeException("This credential cannot act on team resources.");
        }
        Answer answer = answer(caller, teamSlug);
        Membership membership = answer.membership().orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (!membership.role().atLeast(required) && !answer.fromIdentity() && identity != null) {
            // The replica may not know a promotion yet: identity decides before we refuse.
            Membership known = membership;
            Optional<Membership> fresh = identity.membership(caller, teamSlug)
                    .filter(m -> m.teamId().equals(known.teamId()));
            remember(caller, teamSlug, new Answer(fresh.isPresent() ? fresh : answer.membership(), true));
            membership = fresh.orElse(membership);
        }
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
        return answer(caller, teamSlug).membership().map(Membership::role);
    }

    /** This request's earlier answer, else the replica's; on a miss, identity's (when configured). */
    private Answer answer(WharfPrincipal caller, String teamSlug) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = MEMO + teamSlug + "\n" + caller.userId();
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Answer earlier) {
            return earlier;
        }
        Answer answer = lookUp(caller, teamSlug);
        remember(caller, teamSlug, answer);
        return answer;
    }

    private Answer lookUp(WharfPrincipal caller, String teamSlug) {
        Optional<String> teamId = replica.teamIdBySlug(teamSlug);
        Optional<TeamRole> role = teamId.flatMap(id -> replica.roleOf(id, caller.userId()));
        if (role.isPresent()) {
            return new Answer(Optional.of(new Membership(teamId.get(), role.get())), false);
        }
        return identity == null ? new Answer(Optional.empty(), false)
                : new Answer(identity.membership(caller, teamSlug), true);
    }

    private static void remember(WharfPrincipal caller, String teamSlug, Answer answer) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(MEMO + teamSlug + "\n" + caller.userId(), answer, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** A membership and whether identity gave it (then asking identity again in this request is pointless). */
    private record Answer(Optional<Membership> membership, boolean fromIdentity) {
    }
}
