package io.wharf.identity.team.api;

/** The team as {@code GET /api/teams} lists it ({@link TeamResponse}); answers null for an unknown team. */
public record FindTeamQuery(String teamId) {
}
