package io.wharf.identity.user.command;

import io.wharf.common.error.ConflictException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryEmailLookup implements EmailLookup {

    record Claim(String userId, boolean confirmed) {
    }

    final Map<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public void claim(String email, String userId) {
        if (claims.putIfAbsent(email, new Claim(userId, false)) != null) {
            throw new ConflictException("taken", "email", null);
        }
    }

    @Override
    public void release(String email, String userId) {
        claims.remove(email, new Claim(userId, false));
    }

    @Override
    public void confirm(String email, String userId) {
        claims.put(email, new Claim(userId, true));
    }

    @Override
    public Optional<String> findUserId(String email) {
        return Optional.ofNullable(claims.get(email)).filter(Claim::confirmed).map(Claim::userId);
    }
}
