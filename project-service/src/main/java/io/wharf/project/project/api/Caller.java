package io.wharf.project.project.api;

import io.wharf.common.events.identity.TeamRole;
import java.time.Instant;

/**
 * Who sends a catalogue command, as the controller established it from the membership replica: the
 * team (id and slug of the route), the user and their role in it, and the time of the request. The
 * Project aggregate refuses commands of another team (404) and privileged configs below admin (403).
 */
public record Caller(String teamId, String teamSlug, String userId, TeamRole role, Instant at) {

    /** The system acting for a team (team deletion): no user, every right. */
    public static Caller system(String teamId, Instant at) {
        return new Caller(teamId, null, null, TeamRole.OWNER, at);
    }
}
