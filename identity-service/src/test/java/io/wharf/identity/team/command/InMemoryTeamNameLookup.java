package io.wharf.identity.team.command;

import io.wharf.common.error.ConflictException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryTeamNameLookup implements TeamNameLookup {

    record Entry(String teamId, boolean confirmed) {
    }

    final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean claim(Kind kind, String value, String teamId) {
        String key = MongoTeamNameLookup.key(kind, value);
        Entry existing = entries.putIfAbsent(key, new Entry(teamId, false));
        if (existing == null) {
            return true;
        }
        if (existing.teamId().equals(teamId)) {
            return false;
        }
        throw new ConflictException("taken", kind == Kind.SLUG ? "slug" : "name", null);
    }

    @Override
    public void release(Kind kind, String value, String teamId) {
        entries.computeIfPresent(MongoTeamNameLookup.key(kind, value),
                (k, e) -> e.teamId().equals(teamId) && !e.confirmed() ? null : e);
    }

    @Override
    public void confirm(Kind kind, String value, String teamId) {
        entries.put(MongoTeamNameLookup.key(kind, value), new Entry(teamId, true));
    }

    @Override
    public void keepOnly(String teamId, String slug, String name) {
        entries.entrySet().removeIf(e -> e.getValue().teamId().equals(teamId) && e.getValue().confirmed()
                && !e.getKey().equals(MongoTeamNameLookup.key(Kind.SLUG, slug))
                && !e.getKey().equals(MongoTeamNameLookup.key(Kind.NAME, name)));
    }

    @Override
    public void freeAll(String teamId) {
        entries.values().removeIf(e -> e.teamId().equals(teamId));
    }
}
