package io.wharf.project.project.command;

import java.util.List;

/**
 * Project names unique per team (SPEC §3), owned by the write side: a claim is atomic, made by the
 * command before the event is stored, confirmed by {@link ProjectLookupUpdater} in the same unit of
 * work, released when the command fails. Also which projects a team has (team deletion).
 */
interface ProjectNameLookup {

    /**
     * Claims {@code name} in {@code teamId} for {@code projectId}: true if this call claimed it, false
     * if the project already holds it.
     *
     * @throws io.wharf.common.error.ConflictException 409 (field {@code name}) when another project holds it
     */
    boolean claim(String teamId, String name, String projectId);

    /** Gives back a claim of this project that was not confirmed (the command failed). */
    void release(String teamId, String name, String projectId);

    /** The project holds {@code name} from now on, and nothing else. */
    void confirm(String teamId, String name, String projectId);

    /** The project is gone: its name is free. */
    void freeAll(String projectId);

    /** Ids of the team's projects (confirmed). */
    List<String> projectsOf(String teamId);
}
