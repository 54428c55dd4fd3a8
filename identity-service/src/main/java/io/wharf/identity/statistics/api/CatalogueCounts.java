package io.wharf.identity.statistics.api;

/** How many projects and versions a team has, as far as project-service's events have told identity. */
public record CatalogueCounts(long projects, long versions) {

    public static final CatalogueCounts NONE = new CatalogueCounts(0, 0);
}
