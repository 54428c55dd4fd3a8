package io.wharf.identity.statistics.api;

/**
 * How many projects, versions and nodes a team has, as far as project-service's and node-service's
 * events have told identity.
 */
public record CatalogueCounts(long projects, long versions, long nodes) {

    public static final CatalogueCounts NONE = new CatalogueCounts(0, 0, 0);
}
