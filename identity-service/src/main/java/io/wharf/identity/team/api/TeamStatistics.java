package io.wharf.identity.team.api;

import io.wharf.identity.statistics.api.CatalogueCounts;

/**
 * SPEC §2 {@code statistics}: {@code users} = members + pending invitations (team views);
 * {@code projects} and {@code versions} from project-service's events, {@code nodes} from node-service's
 * (statistics feature); {@code deployments} is 0 until deployment-service events reach identity.
 */
public record TeamStatistics(long users, long projects, long nodes, long versions, long deployments) {

    public static TeamStatistics of(long users, CatalogueCounts catalogue) {
        return new TeamStatistics(users, catalogue.projects(), catalogue.nodes(), catalogue.versions(), 0);
    }
}
