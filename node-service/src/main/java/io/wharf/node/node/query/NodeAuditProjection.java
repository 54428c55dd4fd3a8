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
import org.axonframework.eventhandling.DomainEventMessage;
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
    void on(AgentConnectedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.connectedAt(), message.getSequenceNumber(), "connected",
                data("version", event.agentVersion(), "outdated", event.outdated(), "address", event.address(),
                        "publicKey", event.publicKey()));
    }

    @EventHandler
    void on(AgentDisconnectedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.disconnectedAt(), message.getSequenceNumber(), "left",
                data("reason", event.reason()));
    }

    @EventHandler
    void on(AgentKickedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.kickedAt(), message.getSequenceNumber(), "kicked",
                data("reason", event.reason(), "user", event.userId()));
    }

    @EventHandler
    void on(AgentUpdateRequestedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.requestedAt(), message.getSequenceNumber(), "update",
                data("fromVersion", event.fromVersion(), "tag", event.tag()));
    }

    @EventHandler
    void on(AgentUpdateAbortedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.abortedAt(), message.getSequenceNumber(), "updateAborted",
                data("reason", event.reason()));
    }

    @EventHandler
    void on(AgentConnectionRefusedEvent event, DomainEventMessage<?> message) {
        audit.record(message.getIdentifier(), event.nodeId(), event.refusedAt(), message.getSequenceNumber(), "refused",
                data("reason", event.reason(), "address", event.address(), "count", Math.max(1, event.count())));
    }

    @EventHandler
    void on(ContainerCommandRecordedEvent event, DomainEventMessage<?> message) {
        Map<String, Object> container = data("prefix", event.prefix(), "name", event.name());
        audit.record(message.getIdentifier(), event.nodeId(), event.recordedAt(), message.getSequenceNumber(), "containerCommand",
                data("container", event.name() == null ? null : container, "prefix", event.prefix(),
                        "operation", event.operation(), "outcome", event.outcome(), "user", event.userId()));
    }

    @EventHandler
    void on(NodeDeletedEvent event) {
        audit.dropNode(event.nodeId());
    }
}
