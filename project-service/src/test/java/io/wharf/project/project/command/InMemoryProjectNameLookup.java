package io.wharf.project.project.command;

import io.wharf.common.error.ConflictException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryProjectNameLookup implements ProjectNameLookup {

    record Entry(String teamId, String projectId, boolean confirmed) {
    }

    final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String teamId, String name, String projectId) {
        Entry existing = entries.putIfAbsent(MongoProjectNameLookup.key(teamId, name),
                new Entry(teamId, projectId, false));
        if (existing == null) {
            return true;
        }
        if (existing.projectId().equals(projectId)) {
            return false;
        }
        throw new ConflictException("Project name taken.", "name", null);
    }

    @Override
    public void release(String teamId, String name, String projectId) {
        entries.computeIfPresent(MongoProjectNameLookup.key(teamId, name),
                (k, e) -> e.projectId().equals(projectId) && !e.confirmed() ? null : e);
    }

    @Override
    public void confirm(String teamId, String name, String projectId) {
        entries.put(MongoProjectNameLookup.key(teamId, name), new Entry(teamId, projectId, true));
    }

    @Override
    public void freeAll(String projectId) {
        entries.values().removeIf(e -> e.projectId().equals(projectId));
    }

    @Override
    public List<String> projectsOf(String teamId) {
        return entries.values().stream().filter(e -> e.teamId().equals(teamId) && e.confirmed())
                .map(Entry::projectId).toList();
    }
}
