package io.wharf.project.project.command;

import java.util.Set;

/**
 * The deployment statuses of each version, the input of SPEC §3's {@code mutable} and
 * {@code deletable} (a version with a deployment {@code in-progress|successful|obsolete|downgraded}
 * is immutable; a project with one {@code in-progress} is not deletable). Deployments belong to
 * deployment-service: this is a write-side replica that its events will feed. Until that service
 * publishes them the replica is empty, so every version counts as having no deployments.
 */
interface VersionDeployments {

    /** The statuses ({@code preparing}, {@code in-progress}, ...) of the version's deployments. */
    Set<String> statusesOf(String versionId);
}
