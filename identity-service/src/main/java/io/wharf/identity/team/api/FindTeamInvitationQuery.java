package io.wharf.identity.team.api;

import java.time.Instant;

/** One invitation of a team as its users[] row ({@link TeamUserResponse}), status as of {@code now}; null if none. */
public record FindTeamInvitationQuery(String teamId, String invitationId, Instant now) {
}
