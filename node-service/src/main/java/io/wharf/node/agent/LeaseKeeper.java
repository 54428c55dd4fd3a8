package io.wharf.node.agent;

import io.wharf.node.config.NodeProperties;
import io.wharf.node.config.ReplicaIdentity;
import io.wharf.node.node.api.DisconnectAgentCommand;
import java.time.Clock;
import io.wharf.agent.protocol.v1.Close;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every heartbeat: renews this replica's leases in the connection registry, closes its sessions the
 * registry no longer names (revoked or deleted elsewhere, replaced) and pings its agents; and
 * records as {@code left (lost)} the connections whose replica stopped renewing (it crashed), so the
 * status projection does not show a dead node as connected.
 */
@Component
class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LocalAgents local;
    private final ConnectionRegistry registry;
    private final ReplicaIdentity replica;
    private final NodeProperties properties;
    private final CommandGateway commands;
    private final Clock clock;
    private final AgentConnectService connections;

    LeaseKeeper(LocalAgents local, ConnectionRegistry registry, ReplicaIdentity replica, NodeProperties properties,
                CommandGateway commands, Clock clock, AgentConnectService connections) {
        this.connections = connections;
        this.local = local;
        this.registry = registry;
        this.replica = replica;
        this.properties = properties;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${wharf.node.heartbeat:5s}")
    void beat() {
        List<String> held = local.all().stream().filter(s -> !s.isClosed()).map(AgentSession::nodeId).toList();
        registry.renew(held, replica.id(), properties.leaseTtl());
        closeUnowned(held);
        local.all().forEach(AgentSession::heartbeat);
        for (ConnectionRegistry.Entry gone : registry.expired()) {
            if (local.of(gone.nodeId()).isPresent()) {
                continue;
            }
            registry.release(gone.nodeId(), gone.connectionId());
            try {
                commands.sendAndWait(new DisconnectAgentCommand(gone.nodeId(), gone.connectionId(), "lost",
                        clock.instant()));
                log.info("Connection {} of node {} lost with its replica {}", gone.connectionId(), gone.nodeId(),
                        gone.replicaId());
            } catch (RuntimeException e) {
                log.debug("Lost connection of node {} not recorded: {}", gone.nodeId(), e.toString());
            }
        }
    }

    /**
     * A local session whose registry entry is gone (a revoke or delete handled by a replica that could
     * not reach this one, a lease another replica found run out) or names another connection (an
     * updated agent took over elsewhere) is closed: the registry is the truth about who holds a node.
     */
    private void closeUnowned(List<String> held) {
        Map<String, String> owners = registry.connectionsOf(held);
        for (AgentSession session : local.all()) {
            if (session.isClosed()) {
                continue;
            }
            String owner = owners.get(session.nodeId());
            if (owner != null && owner.equals(session.connectionId())) {
                continue;
            }
            log.info("Closing the agent of node {}: its connection {} is no longer registered here", session.nodeId(),
                    session.connectionId());
            connections.drop(session, owner == null ? Close.Reason.SHUTDOWN : Close.Reason.REPLACED,
                    owner == null ? "The connection is no longer registered; reconnect." : "An updated agent took over.");
        }
    }
}
