package io.wharf.common.access;

import io.wharf.common.events.identity.TeamRole;

/** The caller's membership of one team: the team's id and the caller's role in it. */
public record Membership(String teamId, TeamRole role) {
}
