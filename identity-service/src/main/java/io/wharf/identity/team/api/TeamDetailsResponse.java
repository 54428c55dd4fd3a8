package io.wharf.identity.team.api;

import java.util.List;

/** {@code GET /api/teams/{teamId}} (seed 003). */
public record TeamDetailsResponse(TeamStatistics statistics, String id, String name, String slug,
                                  List<TeamUserResponse> users) {
}
