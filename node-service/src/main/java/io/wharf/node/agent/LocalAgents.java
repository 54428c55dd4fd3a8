package io.wharf.node.agent;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The agents connected to this replica, by node id. */
@Component
class LocalAgents {

    private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();

    void put(AgentSession session) {
        sessions.put(session.nodeId(), session);
    }

    void remove(AgentSession session) {
        sessions.remove(session.nodeId(), session);
    }

    Optional<AgentSession> of(String nodeId) {
        return Optional.ofNullable(sessions.get(nodeId)).filter(s -> !s.isClosed());
    }

    Collection<AgentSession> all() {
        return sessions.values();
    }
}
