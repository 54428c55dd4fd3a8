package io.wharf.identity.team.api;

import java.time.Instant;

/** The team as {@code GET /api/teams} lists it ({@link TeamResponse}); answers null for an unknown team;
 * {@code now} decides which invitations still count as pending. */
public record FindTeamQuery(String teamId, Instant now) {
}
