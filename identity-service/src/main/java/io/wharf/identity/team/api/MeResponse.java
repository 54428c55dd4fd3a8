package io.wharf.identity.team.api;

import java.util.List;

/** {@code POST|GET /api/users/me} (seed 003). {@code invitations} are the caller's pending ones. */
public record MeResponse(User user, List<Team> teams, List<Invitation> invitations) {

    public record User(String id, String name) {
    }

    public record Team(String role, String id, String name, String slug) {
    }

    public record Invitation(String id, String name, String slug) {
    }
}
