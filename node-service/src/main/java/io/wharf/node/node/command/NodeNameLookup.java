package io.wharf.node.node.command;

import java.util.List;
import java.util.Optional;

/**
 * Write-side lookup of node names per team (SPEC §4: unique per team), consulted before the command,
 * never the read model. It also answers which team a node belongs to and which nodes a team has,
 * for the container routes and the team-deletion policy (both need an answer before any view is built).
 */
public interface NodeNameLookup {

    /**
     * Claims {@code name} in the team for the node.
     *
     * @return true when the claim is new, false when the node held it already
     * @throws io.wharf.common.error.ConflictException when another node of the team holds it
     */
    boolean claim(String teamId, String name, String nodeId);

    /** Frees every name of the node except {@code keep} (null: all). */
    void releaseOthers(String nodeId, String keep);

    /** Frees the claim of {@code name} in the team if the node holds it. */
    void release(String teamId, String name, String nodeId);

    Optional<String> teamOf(String nodeId);

    List<String> nodesOfTeam(String teamId);
}
