package io.wharf.identity.statistics.api;

/**
 * The team statistics identity derives from project-service's and node-service's events
 * ({@code statistics.projects}, {@code statistics.versions}, {@code statistics.nodes} of SPEC §2). Read by
 * the team routes; DESIGN §5: a projection here, never a call to another service.
 */
public interface CatalogueStatistics {

    /** The team's live projects, versions and nodes; {@link CatalogueCounts#NONE} for an unknown or deleted team. */
    CatalogueCounts of(String teamId);
}
