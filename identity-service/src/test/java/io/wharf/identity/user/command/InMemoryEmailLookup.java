package io.wharf.identity.user.command;

import io.wharf.common.error.ConflictException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryEmailLookup implements EmailLookup {

    final Map<String, Claim> claims = new ConcurrentHashMap<>();
    Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    public void claim(String email, String userId) {
        if (claims.putIfAbsent(email, new Claim(userId, false, now)) != null) {
            throw new ConflictException("taken", "email", null);
        }
    }

    @Override
    public void release(String email, String userId) {
        claims.computeIfPresent(email, (k, c) -> c.userId().equals(userId) && !c.confirmed() ? null : c);
    }

    @Override
    public void confirm(String email, String userId) {
        claims.put(email, new Claim(userId, true, now));
    }

    @Override
    public Optional<String> findUserId(String email) {
        return Optional.ofNullable(claims.get(email)).filter(Claim::confirmed).map(Claim::userId);
    }

    @Override
    public Optional<Claim> find(String email) {
        return Optional.ofNullable(claims.get(email));
    }

    @Override
    public boolean takeOver(String email, String staleUserId, String newUserId) {
        Claim stale = claims.get(email);
        return stale != null && stale.userId().equals(staleUserId) && !stale.confirmed()
                && claims.replace(email, stale, new Claim(newUserId, false, now));
    }
}
