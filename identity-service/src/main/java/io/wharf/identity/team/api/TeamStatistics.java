package io.wharf.identity.team.api;

import io.wharf.identity.statistics.api.CatalogueCounts;

/**
 * SPEC §2 {@code statistics}: {@code users} = members + pending invitations (team views);
 * {@code projects} and {@code versions} from project-service's events (statistics feature);
 * {@code nodes} and {@code deployments} are 0 until node- and deployment-service events reach identity.
 */
public record TeamStatistics(long users, long projects, long nodes, long versions, long deployments) {

    public static TeamStatistics of(long users, CatalogueCounts catalogue) {
        return new TeamStatistics(users, catalogue.projects(), 0, catalogue.versions(), 0);
    }
}
