package io.wharf.identity.team.api;

/** A team in {@code GET /api/teams} and the body of {@code POST /api/teams} (seed 003). */
public record TeamResponse(TeamStatistics statistics, String id, String name, String slug) {
}
