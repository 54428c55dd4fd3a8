package io.wharf.node.node.query;

import com.mongodb.client.model.Updates;
import io.wharf.common.events.node.AgentConnectedEvent;
import io.wharf.common.events.node.AgentDisconnectedEvent;
import io.wharf.common.events.node.AgentKickedEvent;
import io.wharf.common.events.node.AgentUpdateAbortedEvent;
import io.wharf.common.events.node.AgentUpdateRequestedEvent;
import io.wharf.common.events.node.NodeCreatedEvent;
import io.wharf.common.events.node.NodeDeletedEvent;
import io.wharf.common.events.node.NodeEditedEvent;
import io.wharf.common.events.node.NodeTokenRevokedEvent;
import io.wharf.node.config.NodeConfig;
import io.wharf.node.node.api.FindNodeViewVersionQuery;
import io.wharf.node.node.api.FindNodeNameQuery;
import io.wharf.node.node.api.FindNodeQuery;
import io.wharf.node.node.api.NodeResponse;
import io.wharf.node.node.api.InstallScriptGeneratedEvent;
import io.wharf.node.node.api.InstallScriptDiscardedEvent;
import io.wharf.node.node.api.AgentConnectionRefusedEvent;
import io.wharf.common.events.node.ContainerCommandRecordedEvent;
import io.wharf.node.node.api.NodeTokenIssuedEvent;
import io.wharf.node.node.api.NodeUsageChangedEvent;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Node details and the live status projection, from the node events only. */
@Component
@ProcessingGroup(NodeConfig.NODE_VIEWS_GROUP)
class NodeViewProjection {

    private final NodeViews views;

    NodeViewProjection(NodeViews views) {
        this.views = views;
    }

    @EventHandler
    void on(NodeCreatedEvent event, @SequenceNumber long sequence) {
        views.created(event.nodeId(), event.teamId(), event.name(), event.description(), event.icon(),
                event.createdAt(), sequence);
    }

    @EventHandler
    void on(NodeEditedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.combine(Updates.set("name", event.name()),
                Updates.set("description", event.description()), Updates.set("icon", event.icon())));
    }

    @EventHandler
    void on(NodeDeletedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.combine(Updates.set("deleted", true),
                Updates.set("connected", false)));
    }

    @EventHandler
    void on(InstallScriptGeneratedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("type", event.type().wire()));
    }

    @EventHandler
    void on(NodeTokenIssuedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("hasToken", true));
    }

    @EventHandler
    void on(NodeTokenRevokedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("hasToken", false));
    }

    @EventHandler
    void on(AgentConnectedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.combine(Updates.set("connected", true),
                Updates.set("outdated", event.outdated()), Updates.set("address", event.address()),
                Updates.set("agentVersion", event.agentVersion()), Updates.set("publicKey", event.publicKey()),
                Updates.set("connectedAt", Date.from(event.connectedAt())), Updates.unset("updateDeadline")));
    }

    @EventHandler
    void on(AgentDisconnectedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("connected", false));
    }

    @EventHandler
    void on(AgentKickedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("connected", false));
    }

    @EventHandler
    void on(AgentUpdateRequestedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("updateDeadline", Date.from(event.deadline())));
    }

    @EventHandler
    void on(AgentUpdateAbortedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.unset("updateDeadline"));
    }

    @EventHandler
    void on(NodeUsageChangedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, Updates.set("inUse", event.inUse()));
    }

    /** Events that change nothing shown here still move the version (read-your-writes waits for it). */
    @EventHandler
    void on(InstallScriptDiscardedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, null);
    }

    @EventHandler
    void on(AgentConnectionRefusedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, null);
    }

    @EventHandler
    void on(ContainerCommandRecordedEvent event, @SequenceNumber long sequence) {
        views.apply(event.nodeId(), sequence, null);
    }

    @QueryHandler
    NodeResponse handle(FindNodeQuery query) {
        return views.listed(query.teamId(), query.nodeId()).orElse(null);
    }

    @QueryHandler
    String handle(FindNodeNameQuery query) {
        return views.name(query.nodeId());
    }

    @QueryHandler
    Long handle(FindNodeViewVersionQuery query) {
        return views.version(query.nodeId());
    }
}
