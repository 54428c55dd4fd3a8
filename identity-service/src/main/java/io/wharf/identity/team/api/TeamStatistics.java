package io.wharf.identity.team.api;

/**
 * {@code users} = members + pending invitations. The other counts are 0 until project-, node- and
 * deployment-service publish the events identity counts them from.
 */
public record TeamStatistics(long users, long projects, long nodes, long versions, long deployments) {

    public static TeamStatistics ofUsers(long users) {
        return new TeamStatistics(users, 0, 0, 0, 0);
    }
}
