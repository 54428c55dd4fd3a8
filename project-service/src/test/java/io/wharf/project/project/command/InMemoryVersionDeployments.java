package io.wharf.project.project.command;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The deployment-state replica as a test sets it (deployment-service will feed the real one). */
final class InMemoryVersionDeployments implements VersionDeployments {

    final Map<String, Set<String>> statuses = new HashMap<>();

    void put(String versionId, String status) {
        statuses.computeIfAbsent(versionId, v -> new HashSet<>()).add(status);
    }

    @Override
    public Set<String> statusesOf(String versionId) {
        return statuses.getOrDefault(versionId, Set.of());
    }
}
