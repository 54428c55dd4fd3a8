package io.wharf.node.node.query;

import io.wharf.common.events.node.AgentConnectedEvent;
import io.wharf.common.events.node.AgentDisconnectedEvent;
import io.wharf.common.events.node.AgentKickedEvent;
import io.wharf.common.events.node.AgentUpdateAbortedEvent;
import io.wharf.common.events.node.AgentUpdateRequestedEvent;
import io.wharf.common.events.node.ContainerCommandRecordedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.node.config.NodeConfig;
import io.wharf.node.node.api.AgentConnectionRefusedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * The node audit (SPEC §4, dyrector's {@code AgentEvent}): connected, left, kicked, update,
 * containerCommand, and refused connection attempts. Time and id come from the event message.
 */
@Component
@ProcessingGroup(NodeConfig.NODE_AUDIT_GROUP)
class NodeAuditProjection {

    private final NodeAuditViews audit;

    NodeAuditProjection(NodeAuditViews audit) {
        this.audit = audit;
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }

    @EventHandler
    void on(AgentConnectedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.connectedAt(), "connected",
                data("version", event.agentVersion(), "outdated", event.outdated(), "address", event.address(),
                        "publicKey", event.publicKey()));
    }

    @EventHandler
    void on(AgentDisconnectedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.disconnectedAt(), "left",
                data("reason", event.reason()));
    }

    @EventHandler
    void on(AgentKickedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.kickedAt(), "kicked",
                data("reason", event.reason(), "user", event.userId()));
    }

    @EventHandler
    void on(AgentUpdateRequestedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.requestedAt(), "update",
                data("fromVersion", event.fromVersion(), "tag", event.tag()));
    }

    @EventHandler
    void on(AgentUpdateAbortedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.abortedAt(), "updateAborted",
                data("reason", event.reason()));
    }

    @EventHandler
    void on(AgentConnectionRefusedEvent event, EventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.refusedAt(), "refused",
                data("reason", event.reason(), "address", event.address()));
    }

    @EventHandler
    void on(ContainerCommandRecordedEvent event, EventMessage<?> message) {
        Map<String, Object> container = data("prefix", event.prefix(), "name", event.name());
        audit.record(message.getIdentifier(), event.nodeId(), event.recordedAt(), "containerCommand",
                data("container", event.name() == null ? null : container, "prefix", event.prefix(),
                        "operation", event.operation(), "outcome", event.outcome(), "user", event.userId()));
    }

    @EventHandler
    void on(NodeDeletedEvent event) {
        audit.dropNode(event.nodeId());
    }
}
